using System.Globalization;
using CoopBot.Engine.Indexing;
using CoopBot.Engine.Retrieval;
using Lucene.Net.Analysis;

namespace CoopBot.Engine.Reading;

/// <summary>
/// What answers of each kind look like at their edges, counted from training answers: for each
/// <see cref="AnswerKind"/> and each character, how much likelier it is to be an answer's first or last
/// character, or the one printed right before or after an answer, than to be at any word boundary of the
/// text (and, for the characters inside, than any character of it): ln(P(c | answers of the kind) /
/// P(c | the text)), estimated with pseudo-counts (<see cref="Of"/>). A person's name opens on a surname and
/// is followed by 是 or a comma; a work's title opens on 《; a place ends on 市, 省 or 区. The word-class span
/// ranker reads these five log-ratios (<c>shape_*</c> in <see cref="SpanFeatures.Names"/>; the plain one does
/// not, <see cref="SpanFeatures.PlainCount"/>), so a span of the wrong kind of thing (之间钩心斗角
/// for 《战栗游戏》的作者是谁) weighs less than one shaped like the answers asked for.
/// </summary>
public sealed class AnswerShapes
{
    /// <summary>The table's file name beside the rankers (models/reader).</summary>
    public const string FileName = "shapes.tsv";

    /// <summary>Where a character stands against an answer.</summary>
    public enum Edge
    {
        /// <summary>The answer's first character.</summary>
        First,

        /// <summary>The answer's last character.</summary>
        Last,

        /// <summary>The character right before the answer (<c>^</c> at a sentence's start).</summary>
        Before,

        /// <summary>The character right after the answer (<c>$</c> at a sentence's end).</summary>
        After,

        /// <summary>Any character of the answer.</summary>
        Inside,
    }

    private const int Kinds = 8;
    private const int Edges = 5;

    /// <summary>
    /// Pseudo-counts on either side of the ratio: a character seen once at an answer's edge and rarely in the
    /// text (±, 荇) is weak evidence, not the strongest there is; one never seen there that the text prints
    /// everywhere (的) is strong evidence against.
    /// </summary>
    private const double PseudoCount = 2;

    private readonly Dictionary<char, long>[] _text;
    private readonly long[] _textTotal;
    private readonly Dictionary<char, long>[] _answers;
    private readonly long[] _answerTotal;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<char, float>[] _values;

    private AnswerShapes(Dictionary<char, long>[] text, Dictionary<char, long>[] answers)
    {
        _text = text;
        _answers = answers;
        _textTotal = text.Select(t => t.Values.Sum()).ToArray();
        _answerTotal = answers.Select(a => a.Values.Sum()).ToArray();

        // Each log-ratio is computed once, on first use (any of the text's thousands of characters may be asked
        // for; few are): loading the table stays off the first answer's path.
        _values = Enumerable.Range(0, Kinds * Edges).Select(_ => new System.Collections.Concurrent.ConcurrentDictionary<char, float>()).ToArray();
    }

    /// <summary>A table that says nothing (every log-ratio 0): for engines without a trained reader.</summary>
    public static AnswerShapes None { get; } = new(Empty(Edges), Empty(Kinds * Edges));

    private static Dictionary<char, long>[] Empty(int n) => Enumerable.Range(0, n).Select(_ => new Dictionary<char, long>()).ToArray();

    /// <summary>
    /// The log-ratio of a character at an edge of an answer of a kind: ln((n + 2) / (N p + 2)), where n of
    /// the kind's N answers have it there and p is its share of the text's word boundaries (add-one smoothed).
    /// </summary>
    public float Of(AnswerKind kind, Edge edge, char c)
    {
        int slot = Slot(kind, edge);
        var key = Key(c);
        return _values[slot].TryGetValue(key, out var v) ? v : _values[slot].GetOrAdd(key, Compute(slot, key));
    }

    private float Compute(int slot, char c)
    {
        int edge = slot % Edges;
        double text = (_text[edge].GetValueOrDefault(c) + 1.0) / (_textTotal[edge] + _text[edge].Count + 1.0);
        double expected = _answerTotal[slot] * text;
        return (float)Math.Log((_answers[slot].GetValueOrDefault(c) + PseudoCount) / (expected + PseudoCount));
    }

    /// <summary>
    /// The character as the table counts it: digits are one character (0), Latin letters another (A), white
    /// space a space; an answer's shape is "a figure", not "a 7". Either half of a character beyond the
    /// Basic Multilingual Plane (a rare Han character, 𠀀) is U+FFFD: a half alone cannot be written as text.
    /// </summary>
    internal static char Key(char c) =>
        char.IsDigit(c) ? '0' : char.IsAsciiLetter(c) ? 'A' : char.IsWhiteSpace(c) ? ' ' : char.IsSurrogate(c) ? '\uFFFD' : c;

    /// <summary>The character before a span in its sentence, <c>^</c> at its start.</summary>
    internal static char Before(string sentence, int start) => start > 0 ? sentence[start - 1] : '^';

    /// <summary>The character after a span in its sentence, <c>$</c> at its end.</summary>
    internal static char After(string sentence, int end) => end < sentence.Length ? sentence[end] : '$';

    private static readonly Dictionary<string, AnswerKind> KindNames = Enum.GetValues<AnswerKind>().ToDictionary(k => k.ToString(), StringComparer.Ordinal);
    private static readonly Dictionary<string, Edge> EdgeNames = Enum.GetValues<Edge>().ToDictionary(e => e.ToString(), StringComparer.Ordinal);

    private static int Slot(AnswerKind kind, Edge edge) => ((int)kind * Edges) + (int)edge;

    /// <summary>
    /// Writes the table's counts as text, one per line: <c>text</c>, edge, character, count (the text's word
    /// boundaries), or the answer kind, edge, character, count (the answers').
    /// </summary>
    public void Write(TextWriter writer)
    {
        writer.WriteLine("# kind (text: the text's word boundaries; else an answer kind)\tedge\tchar\tcount");
        for (int edge = 0; edge < Edges; edge++)
        {
            foreach (var (c, n) in _text[edge].OrderBy(x => x.Key))
            {
                writer.WriteLine($"text\t{(Edge)edge}\t{c}\t{n}");
            }
        }

        for (int slot = 0; slot < _answers.Length; slot++)
        {
            foreach (var (c, n) in _answers[slot].OrderBy(x => x.Key))
            {
                writer.WriteLine($"{(AnswerKind)(slot / Edges)}\t{(Edge)(slot % Edges)}\t{c}\t{n}");
            }
        }
    }

    /// <summary>Reads a table written by <see cref="Write"/>; <see cref="InvalidDataException"/> when a line does not parse.</summary>
    public static AnswerShapes Read(TextReader reader)
    {
        var text = Empty(Edges);
        var answers = Empty(Kinds * Edges);
        int number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            // kind, edge, character, count: split by hand, as the table has tens of thousands of lines.
            int a = line.IndexOf('\t'), b = a < 0 ? -1 : line.IndexOf('\t', a + 1), c = b < 0 ? -1 : line.IndexOf('\t', b + 1);
            var head = a < 0 ? "" : line[..a];
            if (c != b + 2 || !EdgeNames.TryGetValue(line[(a + 1)..b], out var edge) || !(head == "text" || KindNames.ContainsKey(head))
                || !long.TryParse(line.AsSpan(c + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                throw new InvalidDataException($"The answer shapes table does not parse at line {number}; retrain the reader (see models/reader/README.md).");
            }

            var counts = head == "text" ? text[(int)edge] : answers[Slot(KindNames[head], edge)];
            counts[line[b + 1]] = count;
        }

        return new AnswerShapes(text, answers);
    }

    /// <summary>
    /// Counts answers and text for a table. The text's counts are taken where the candidates are: the first
    /// and last characters of SmartCn's words (brackets next to a word extend it, as
    /// <see cref="SpanFeatures"/> does), and the characters either side of them, in each sentence.
    /// </summary>
    public sealed class Counter
    {
        private readonly Dictionary<char, long>[] _text = Empty(Edges);
        private readonly Dictionary<char, long>[] _answers = Empty(Kinds * Edges);

        /// <summary>Counts a passage's word boundaries and characters.</summary>
        public void AddText(PreparedPassage passage, Analyzer analyzer)
        {
            foreach (var sentence in passage.Sentences)
            {
                var s = sentence.Text;
                if (s.Length == 0)
                {
                    continue;
                }

                var (starts, ends, _) = SpanFeatures.Tokens(analyzer, s);
                foreach (var a in starts)
                {
                    Bump(_text, (int)Edge.First, s[a]);
                    Bump(_text, (int)Edge.Before, Before(s, a));
                }

                foreach (var b in ends)
                {
                    Bump(_text, (int)Edge.Last, s[b - 1]);
                    Bump(_text, (int)Edge.After, After(s, b));
                }

                foreach (var c in s)
                {
                    Bump(_text, (int)Edge.Inside, c);
                }
            }
        }

        /// <summary>Counts an answer of a kind printed at <paramref name="start"/> in a sentence.</summary>
        public void AddAnswer(AnswerKind kind, string sentence, int start, int length)
        {
            if (length <= 0 || start < 0 || start + length > sentence.Length)
            {
                return;
            }

            int slot = Slot(kind, Edge.First);
            Bump(_answers, slot + (int)Edge.First, sentence[start]);
            Bump(_answers, slot + (int)Edge.Last, sentence[start + length - 1]);
            Bump(_answers, slot + (int)Edge.Before, Before(sentence, start));
            Bump(_answers, slot + (int)Edge.After, After(sentence, start + length));
            for (int i = start; i < start + length; i++)
            {
                Bump(_answers, slot + (int)Edge.Inside, sentence[i]);
            }
        }

        /// <summary>A counter holding the same counts, to go on counting apart (the text counted once, each fold's answers on their own).</summary>
        public Counter Clone()
        {
            var copy = new Counter();
            for (int i = 0; i < _text.Length; i++)
            {
                copy._text[i] = new Dictionary<char, long>(_text[i]);
            }

            for (int i = 0; i < _answers.Length; i++)
            {
                copy._answers[i] = new Dictionary<char, long>(_answers[i]);
            }

            return copy;
        }

        /// <summary>The table of what was counted.</summary>
        public AnswerShapes Build() =>
            new(_text.Select(t => new Dictionary<char, long>(t)).ToArray(), _answers.Select(a => new Dictionary<char, long>(a)).ToArray());

        private static void Bump(Dictionary<char, long>[] counts, int slot, char c)
        {
            var key = Key(c);
            counts[slot][key] = counts[slot].GetValueOrDefault(key) + 1;
        }
    }
}
