using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace CoopBot.Engine.Indexing;

/// <summary>
/// The tokens an analyzer produced for one field of one document, kept so that analysis can run on
/// other threads than the one that writes it. <see cref="IndexStore"/> analyses passages on every core
/// and writes them one at a time into a single writer thread state: one in-memory segment, so the
/// build ends with a flush instead of a merge of one segment per thread.
/// </summary>
/// <remarks>
/// Only what the index records is kept: term text and position increment (which Lucene uses to
/// count the field length for BM25). Offsets, types and flags are not indexed for these fields.
/// </remarks>
internal sealed class AnalyzedText
{
    private readonly char[] _chars;
    private readonly int[] _ends;
    private readonly int[] _increments;

    private AnalyzedText(char[] chars, int[] ends, int[] increments)
    {
        _chars = chars;
        _ends = ends;
        _increments = increments;
    }

    /// <summary>Runs <paramref name="analyzer"/> over <paramref name="text"/> as it would run for <paramref name="field"/>.</summary>
    public static AnalyzedText Analyze(Analyzer analyzer, string field, string text)
    {
        var chars = new List<char>(text.Length * 2);
        var ends = new List<int>();
        var increments = new List<int>();
        using (var stream = analyzer.GetTokenStream(field, text))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var increment = stream.AddAttribute<IPositionIncrementAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                for (int i = 0; i < term.Length; i++)
                {
                    chars.Add(term.Buffer[i]);
                }

                ends.Add(chars.Count);
                increments.Add(increment.PositionIncrement);
            }

            stream.End();
        }

        return new AnalyzedText([.. chars], [.. ends], [.. increments]);
    }

    /// <summary>
    /// A searched field of a document whose tokens were analysed beforehand (on another thread): the
    /// writer replays them through this thread's stream for the field (<see cref="ThreadStreams{T}"/>).
    /// </summary>
    public sealed class Field(string name, AnalyzedText text, Lucene.Net.Documents.FieldType type) : Lucene.Net.Documents.Field(name, type)
    {
        /// <inheritdoc/>
        public override TokenStream GetTokenStream(Analyzer analyzer)
        {
            var replay = ThreadStreams<Replay>.For(Name);
            replay.Text = text;
            return replay;
        }
    }

    internal sealed class Replay : TokenStream
    {
        private readonly ICharTermAttribute _term;
        private readonly IPositionIncrementAttribute _increment;
        private int _next;

        public Replay()
        {
            _term = AddAttribute<ICharTermAttribute>();
            _increment = AddAttribute<IPositionIncrementAttribute>();
        }

        public AnalyzedText Text
        {
            get => _text!;
            set
            {
                _text = value;
                _next = 0;
            }
        }

        private AnalyzedText? _text;

        public override bool IncrementToken()
        {
            var text = Text;
            if (_next >= text._ends.Length)
            {
                return false;
            }

            ClearAttributes();
            int start = _next == 0 ? 0 : text._ends[_next - 1];
            _term.CopyBuffer(text._chars, start, text._ends[_next] - start);
            _increment.PositionIncrement = text._increments[_next];
            _next++;
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            _next = 0;
        }
    }
}
