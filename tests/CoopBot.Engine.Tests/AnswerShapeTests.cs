using CoopBot.Engine.Indexing;
using CoopBot.Engine.Ingestion;
using CoopBot.Engine.Reading;
using CoopBot.Engine.Retrieval;

namespace CoopBot.Engine.Tests;

/// <summary>
/// What answers of each kind look like at their edges (<see cref="AnswerShapes"/>): counted from answers
/// against the text's word boundaries, written and read back as the shipped table is, and read by the span
/// ranker's <c>shape_*</c> features.
/// </summary>
[Trait("Category", "Unit")]
public class AnswerShapeTests
{
    private static readonly Lucene.Net.Analysis.Analyzer Analyzer = ChineseAnalysis.CreateAnalyzer();

    private const string Page =
        "广东省委书记李希、省长马兴瑞先后两次带队赴我省考察。黑龙江省委书记张庆伟率团赴广东学习考察。" +
        "2018年9月1日，深圳（哈尔滨）产业园科创总部项目奠基开工。我省共选派2546名干部赴广东学习培训。" +
        "两省签约项目总额达4901亿元。";

    private static AnswerShapes Count(params (AnswerKind Kind, string Answer)[] answers)
    {
        var passage = new PreparedPassage(new Passage("p1", "a1", "对口合作", 0, Page, null), 0);
        var counter = new AnswerShapes.Counter();
        counter.AddText(passage, Analyzer);
        foreach (var (kind, answer) in answers)
        {
            var sentence = passage.Sentences.First(s => s.Text.Contains(answer, StringComparison.Ordinal));
            counter.AddAnswer(kind, sentence.Text, sentence.Text.IndexOf(answer, StringComparison.Ordinal), answer.Length);
        }

        return counter.Build();
    }

    [Fact]
    public void A_name_opens_on_its_surname_and_a_figure_ends_on_its_unit()
    {
        var shapes = Count((AnswerKind.Person, "李希"), (AnswerKind.Person, "马兴瑞"), (AnswerKind.Person, "张庆伟"), (AnswerKind.Quantity, "2546名"), (AnswerKind.Quantity, "4901亿元"));

        // A surname opens "who" answers more often than the text's words open on it; 的 opens none.
        Assert.True(shapes.Of(AnswerKind.Person, AnswerShapes.Edge.First, '马') > 0);
        Assert.True(shapes.Of(AnswerKind.Person, AnswerShapes.Edge.First, '的') < 0);
        Assert.True(shapes.Of(AnswerKind.Person, AnswerShapes.Edge.First, '马') > shapes.Of(AnswerKind.Person, AnswerShapes.Edge.First, '两'));

        // Figures are one character (0): any digit opens a quantity, and 元 or 名 ends one.
        Assert.Equal(shapes.Of(AnswerKind.Quantity, AnswerShapes.Edge.First, '7'), shapes.Of(AnswerKind.Quantity, AnswerShapes.Edge.First, '2'));
        Assert.True(shapes.Of(AnswerKind.Quantity, AnswerShapes.Edge.First, '9') > 0);
        Assert.True(shapes.Of(AnswerKind.Quantity, AnswerShapes.Edge.Last, '元') > shapes.Of(AnswerKind.Quantity, AnswerShapes.Edge.Last, '省'));

        // The edges around: 长 (省长) stands before a name, the sentence's end after a sum.
        Assert.True(shapes.Of(AnswerKind.Person, AnswerShapes.Edge.Before, '长') > 0);
        Assert.True(shapes.Of(AnswerKind.Quantity, AnswerShapes.Edge.After, '$') > 0 || shapes.Of(AnswerKind.Quantity, AnswerShapes.Edge.After, '。') > 0);

        // A kind no answer was counted for says nothing either way.
        Assert.Equal(0f, shapes.Of(AnswerKind.Place, AnswerShapes.Edge.First, '马'));
    }

    [Fact]
    public void The_table_reads_back_as_written()
    {
        var shapes = Count((AnswerKind.Person, "李希"), (AnswerKind.Date, "2018年9月1日"), (AnswerKind.Entity, "科创总部项目"));
        var text = new StringWriter();
        shapes.Write(text);
        var read = AnswerShapes.Read(new StringReader(text.ToString()));
        foreach (var kind in Enum.GetValues<AnswerKind>())
        {
            foreach (var edge in Enum.GetValues<AnswerShapes.Edge>())
            {
                foreach (var c in "李希2年日深目（）的^$ 者")
                {
                    Assert.Equal(shapes.Of(kind, edge, c), read.Of(kind, edge, c), 3);
                }
            }
        }
    }

    [Fact]
    public void A_clone_counts_on_apart_from_the_counter_it_copies()
    {
        var passage = new PreparedPassage(new Passage("p1", "a1", "对口合作", 0, Page, null), 0);
        var text = new AnswerShapes.Counter();
        text.AddText(passage, Analyzer);
        var fold = text.Clone();
        var sentence = passage.Sentences.First(s => s.Text.Contains("马兴瑞", StringComparison.Ordinal)).Text;
        fold.AddAnswer(AnswerKind.Person, sentence, sentence.IndexOf("马兴瑞", StringComparison.Ordinal), 3);

        // The clone holds the text's counts and its own answer; the counter it was copied from holds no answer.
        Assert.True(fold.Build().Of(AnswerKind.Person, AnswerShapes.Edge.First, '马') > 0);
        Assert.Equal(0f, text.Build().Of(AnswerKind.Person, AnswerShapes.Edge.First, '马'));
        Assert.Equal(text.Build().Of(AnswerKind.Date, AnswerShapes.Edge.Last, '年'), fold.Build().Of(AnswerKind.Date, AnswerShapes.Edge.Last, '年'));
    }

    [Fact]
    public void A_table_that_does_not_parse_is_refused_with_its_line()
    {
        var error = Assert.Throws<InvalidDataException>(() => AnswerShapes.Read(new StringReader("# header\ntext\tFirst\t马\t40\nPerson\tFirst\t马\t15\nPerson\tMiddle\t马\t15\n")));
        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_table_tells_a_date_from_a_name()
    {
        var shapes = ReaderModels.Shipped!.Shapes;
        Assert.True(shapes.Of(AnswerKind.Date, AnswerShapes.Edge.Last, '年') > shapes.Of(AnswerKind.Date, AnswerShapes.Edge.Last, '的'));
        Assert.True(shapes.Of(AnswerKind.Date, AnswerShapes.Edge.First, '1') > shapes.Of(AnswerKind.Person, AnswerShapes.Edge.First, '1'));
        Assert.True(shapes.Of(AnswerKind.Person, AnswerShapes.Edge.First, '王') > shapes.Of(AnswerKind.Date, AnswerShapes.Edge.First, '王'));
        Assert.True(shapes.Of(AnswerKind.Entity, AnswerShapes.Edge.First, '《') > 0, "a work's title opens on 《");
    }
}
