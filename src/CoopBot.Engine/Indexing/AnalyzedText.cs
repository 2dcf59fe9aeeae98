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

    /// <summary>A token stream that replays the tokens, for a pre-analysed <see cref="Lucene.Net.Documents.Field"/>.</summary>
    public TokenStream ToTokenStream() => new Replay(this);

    private sealed class Replay : TokenStream
    {
        private readonly AnalyzedText _text;
        private readonly ICharTermAttribute _term;
        private readonly IPositionIncrementAttribute _increment;
        private int _next;

        public Replay(AnalyzedText text)
        {
            _text = text;
            _term = AddAttribute<ICharTermAttribute>();
            _increment = AddAttribute<IPositionIncrementAttribute>();
        }

        public override bool IncrementToken()
        {
            if (_next >= _text._ends.Length)
            {
                return false;
            }

            ClearAttributes();
            int start = _next == 0 ? 0 : _text._ends[_next - 1];
            _term.CopyBuffer(_text._chars, start, _text._ends[_next] - start);
            _increment.PositionIncrement = _text._increments[_next];
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
