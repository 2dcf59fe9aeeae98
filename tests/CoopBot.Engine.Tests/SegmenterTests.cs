using System.Text.Json;
using CoopBot.Engine.Indexing;
using CoopBot.Engine.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;

namespace CoopBot.Engine.Tests;

/// <summary>
/// The fast SmartCn segmentation must be SmartChineseAnalyzer's, token for token: same words, same
/// offsets, same position increments, same final offset, on real text and on random text.
/// </summary>
[Trait("Category", "Unit")]
public class SegmenterTests
{
    private static readonly string Cmrc = Path.GetFullPath(Path.Combine(TestPaths.Root, "..", "shared", "benchmarks", "cmrc2018-dev"));
    private static readonly Analyzer Reference = new SmartChineseAnalyzer(ChineseAnalysis.Version);

    [Fact]
    public void The_fast_segmenter_loads_from_the_pinned_SmartCn_package()
    {
        // If a SmartCn upgrade moved its dictionaries, analysis would quietly fall back to the slow path.
        Assert.NotNull(FastSmartChineseAnalyzer.TryCreate());
    }

    [Fact]
    public void Seed_passages_and_dev_questions_segment_exactly_as_SmartChineseAnalyzer()
    {
        var texts = PassageTexts(TestPaths.Seeds)
            .Concat(File.ReadLines(TestPaths.Data("dev.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("question").GetString()!))
            .ToList();
        Assert.True(texts.Count > 100);
        AssertSame(texts);
    }

    [SkippableFact]
    public void Cmrc_passages_and_questions_segment_exactly_as_SmartChineseAnalyzer()
    {
        Skip.IfNot(Directory.Exists(Cmrc), $"CMRC 2018 benchmark not found at {Cmrc}");
        var texts = PassageTexts(Path.Combine(Cmrc, "articles"))
            .Concat(File.ReadLines(Path.Combine(Cmrc, "questions.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("question").GetString()!))
            .ToList();
        Assert.True(texts.Count > 6000);
        AssertSame(texts);
    }

    [Fact]
    public void Random_mixed_text_segments_exactly_as_SmartChineseAnalyzer()
    {
        // Chinese, Latin and digits in both widths, Chinese and Latin punctuation, every kind of
        // space, surrogate pairs and arbitrary code units, including lone surrogates.
        const string pool = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严ABCabcXYZ0123456789ＡＢＣａｂｃ１２３，。！？、；：（）“”《》 \u3000\t\r\n.,!?-%#@&*/";
        var random = new Random(20261127);
        var texts = new List<string>();
        for (int k = 0; k < 2000; k++)
        {
            var sb = new System.Text.StringBuilder();
            int n = random.Next(1, 300);
            for (int i = 0; i < n; i++)
            {
                int r = random.Next(100);
                sb.Append(r switch
                {
                    < 2 => "\U00020000",
                    < 4 => ((char)random.Next(0x80, 0xFFFF)).ToString(),
                    _ => pool[random.Next(pool.Length)].ToString(),
                });
            }

            texts.Add(sb.ToString());
        }

        AssertSame(texts);
    }

    private static IEnumerable<string> PassageTexts(string seeds)
    {
        foreach (var p in Ingestion.CorpusLoader.Load(seeds).DistinctPassages())
        {
            // As printed, as indexed, as the answer path folds it, and the ranking context.
            yield return p.Text;
            yield return TextNormalizer.FoldForAnalysis(p.Text);
            yield return TextNormalizer.FoldPreservingOffsets(p.Text);
            yield return p.ArticleTitle + " " + p.Heading;
        }
    }

    private static void AssertSame(IReadOnlyList<string> texts)
    {
        var fast = FastSmartChineseAnalyzer.TryCreate();
        Assert.NotNull(fast);
        foreach (var text in texts)
        {
            Assert.Equal(Tokens(Reference, text), Tokens(fast, text));
        }
    }

    private static List<string> Tokens(Analyzer analyzer, string text)
    {
        var tokens = new List<string>();
        using var stream = analyzer.GetTokenStream("f", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add($"{term}/{offset.StartOffset}-{offset.EndOffset}/+{increment.PositionIncrement}");
        }

        stream.End();
        tokens.Add($"end {offset.EndOffset}");
        return tokens;
    }
}
