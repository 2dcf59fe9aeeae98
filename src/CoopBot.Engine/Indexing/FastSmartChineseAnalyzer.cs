using System.Reflection;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using BreakIterator = ICU4N.Text.BreakIterator;

namespace CoopBot.Engine.Indexing;

/// <summary>
/// SmartChineseAnalyzer's chain with its tokenizer's word segmentation done by <see cref="HhmmSegmenter"/>:
/// the same sentence splitter (SmartCn's own ICU sentence iterator), the same words, then SmartCn's
/// Porter stemming of Latin words and its stop words. Used when the segmenter loads; otherwise
/// <see cref="ChineseAnalysis"/> falls back to SmartChineseAnalyzer itself.
/// </summary>
internal sealed class FastSmartChineseAnalyzer(HhmmSegmenter segmenter, BreakIterator sentences) : Analyzer
{
    /// <summary>The analyzer, or null when SmartCn's segmenter data or sentence iterator cannot be reached.</summary>
    public static FastSmartChineseAnalyzer? TryCreate() => TryCreate(out _);

    /// <summary>The analyzer, or null and why when SmartCn's segmenter data or sentence iterator cannot be reached.</summary>
    public static FastSmartChineseAnalyzer? TryCreate(out string? failure)
    {
        var segmenter = HhmmSegmenter.TryLoad(out failure);
        if (segmenter is null)
        {
            return null;
        }

        var field = typeof(HMMChineseTokenizer).GetField("sentenceProto", BindingFlags.Static | BindingFlags.NonPublic);
        if (field?.GetValue(null) is BreakIterator sentences)
        {
            return new FastSmartChineseAnalyzer(segmenter, sentences);
        }

        failure = "HMMChineseTokenizer.sentenceProto not found";
        return null;
    }

    /// <inheritdoc />
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new Tokenizer(reader, segmenter, (BreakIterator)sentences.Clone());
        TokenStream result = new PorterStemFilter(tokenizer);
        result = new StopFilter(ChineseAnalysis.Version, result, SmartChineseAnalyzer.DefaultStopSet);
        return new TokenStreamComponents(tokenizer, result);
    }

    /// <summary>HMMChineseTokenizer's contract: sentences from the base class, words from the segmenter.</summary>
    private sealed class Tokenizer : SegmentingTokenizerBase
    {
        private readonly HhmmSegmenter _segmenter;
        private readonly HhmmSegmenter.Workspace _workspace = new();
        private readonly ICharTermAttribute _term;
        private readonly IOffsetAttribute _offset;
        private readonly ITypeAttribute _type;
        private int _sentenceOffset;
        private int _next;

        public Tokenizer(TextReader reader, HhmmSegmenter segmenter, BreakIterator sentences)
            : base(reader, sentences)
        {
            _segmenter = segmenter;
            _term = AddAttribute<ICharTermAttribute>();
            _offset = AddAttribute<IOffsetAttribute>();
            _type = AddAttribute<ITypeAttribute>();
        }

        public override void Reset()
        {
            base.Reset();
            _workspace.Words.Clear();
            _next = 0;
        }

        protected override void SetNextSentence(int sentenceStart, int sentenceEnd)
        {
            _segmenter.Segment(m_buffer.AsSpan(sentenceStart, sentenceEnd - sentenceStart), _workspace);
            _sentenceOffset = m_offset + sentenceStart;
            _next = 0;
        }

        protected override bool IncrementWord()
        {
            if (_next >= _workspace.Words.Count)
            {
                return false;
            }

            var word = _workspace.Words[_next++];
            ClearAttributes();
            var buffer = _term.ResizeBuffer(word.TextLength);
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_workspace.WordChars).Slice(word.TextStart, word.TextLength).CopyTo(buffer);
            _term.Length = word.TextLength;
            _offset.SetOffset(CorrectOffset(_sentenceOffset + word.Start), CorrectOffset(_sentenceOffset + word.End));
            _type.Type = "word";
            return true;
        }
    }
}
