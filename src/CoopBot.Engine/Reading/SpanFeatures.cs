using CoopBot.Engine.Answering;
using CoopBot.Engine.Indexing;
using CoopBot.Engine.Retrieval;
using CoopBot.Engine.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace CoopBot.Engine.Reading;

/// <summary>A candidate answer span of a passage with the features the reader's model scores.</summary>
/// <param name="Start">Offset in the passage text.</param>
/// <param name="Length">Length in the passage text.</param>
/// <param name="Features">The features, in the order of <see cref="SpanFeatures.Names"/>.</param>
public sealed record SpanCandidate(int Start, int Length, float[] Features);

/// <summary>
/// Candidate answer spans and their features. A candidate starts and ends on SmartCn word boundaries
/// (or takes in the bracket or quotation mark around them) inside one sentence, so an answer is never
/// a broken word. The features describe what a reader looks at: does the span sit where the question
/// word sits (the question's words before and after it printed around the span), how close the
/// question's telling words stand, is it the kind of thing asked for (a figure with the unit asked, a
/// date, an organisation's or a place's name, a short name for "who"), is it a whole phrase (brackets
/// balanced, clause boundaries), and does it repeat the question instead of answering it.
/// The same code serves training (on public reading-comprehension data) and answering.
/// </summary>
public static partial class SpanFeatures
{
    /// <summary>Longest candidate, in characters.</summary>
    public const int MaxChars = 40;

    /// <summary>Most words in a candidate.</summary>
    public const int MaxWords = 14;

    /// <summary>The feature names, in order.</summary>
    public static readonly string[] Names =
    [
        "kind", "question_chars", "lead_in_chars", "lead_out_chars", "wh_position", "question_has_unit",
        "span_chars", "span_words", "has_digit", "is_number", "is_date", "unit_fit", "hedged", "is_date_part",
        "question_char_share", "inside_question", "keywords_inside",
        "left_align", "left_align_skip", "right_align", "right_align_skip",
        "left_mass", "right_mass", "proximity", "nearest_left", "nearest_right",
        "sentence_coverage", "sentence_rank", "sentence_gap", "sentence_index",
        "has_comma", "boundary_before", "boundary_after", "brackets_balanced", "whole_bracket",
        "org_suffix", "place_suffix", "cjk_share", "latin_share", "relative_position",
        "marker_before", "particle_end", "rule_equal", "rule_overlap", "single_word",
        "starts_with_keyword", "ends_with_keyword", "scope_fit", "named_time_fit", "title_before",
        "order_agreement", "single_char_words", "mean_log_frequency", "surname_first", "wh_code",
        "before_code", "after_code", "first_code", "last_code", "de_before", "de_after",
        "date_granularity", "asked_granularity", "date_extends",
        "sentence_synonym_coverage", "sentence_synonym_rank", "asks_name", "synonym_hits",
        "type_end_match", "type_follows", "sentence_focus", "sentence_focus_rank",
        "sentence_bigrams", "sentence_bigram_rank", "bigrams_with_previous", "longest_common", "window_bigrams", "clause_bigrams",
        "topic_free_bigrams", "topic_free_rank", "topic_free_window", "span_in_title",
        "topic_free_chars", "topic_free_char_rank", "topic_free_mixed_rank", "type_precedes",
        "pos_person", "pos_place", "pos_organization", "pos_proper", "pos_time", "pos_number", "pos_noun", "pos_verb",
        "pos_function", "pos_unknown", "pos_first", "pos_last", "pos_before", "pos_after",
        "name_shape", "span_spread",
        "shape_first", "shape_last", "shape_before", "shape_after", "shape_inside",
    ];

    /// <summary>
    /// How many of <see cref="Names"/> come before the word-class features (<c>pos_person</c> on, read from
    /// jieba's dictionary) and the answer shapes (<c>shape_*</c>, <see cref="AnswerShapes"/>): the plain span
    /// ranker reads only these. Given the shapes too, it lost the seed page's own names (dev 30 → 28/30, CMRC
    /// 2018 dev F1 unchanged; models/reader/README.md), so it stays the ranker that reads the passage alone.
    /// </summary>
    public static readonly int PlainCount = Array.IndexOf(Names, "pos_person");

    /// <summary>Question words, each its own code for the model (-1: none found).</summary>
    private static readonly string[] WhWords =
    [
        "谁", "什么时候", "何时", "哪一年", "哪年", "哪天", "几月", "多少", "几", "哪里", "哪儿", "在哪", "什么地方", "哪个", "哪些", "哪家", "哪位",
        "什么", "为什么", "如何", "怎么", "怎样", "多大", "多长", "多高", "多远", "多久", "第几", "百分之几", "几成", "何", "哪",
    ];

    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

    private const string Openers = "《“\"「『(（【〈";
    /// <summary>Marks that close a title, a quotation or a bracket.</summary>
    internal const string Closers = "》”\"」』)）】〉";

    /// <summary>The candidates of a passage with their features (for the sentences given, or all).</summary>
    /// <param name="question">The analysed question.</param>
    /// <param name="passage">The passage.</param>
    /// <param name="weights">How telling each of the question's keywords is.</param>
    /// <param name="analyzer">The analyzer whose <see cref="FieldNames.Words"/> chain gives SmartCn's words.</param>
    /// <param name="rule">The hand-written extractor's pick in this passage, if any: one feature among many.</param>
    /// <param name="shapes">What answers look like (<see cref="AnswerShapes"/>): the reader's own table; the shipped one when null.</param>
    public static List<SpanCandidate> Enumerate(QuestionAnalysis question, PreparedPassage passage, IReadOnlyDictionary<string, double> weights, Analyzer analyzer, AnswerSpan? rule, AnswerShapes? shapes = null)
    {
        shapes ??= ReaderModels.Shipped?.Shapes ?? AnswerShapes.None;
        var result = new List<SpanCandidate>();
        var sentences = passage.Sentences;
        var coverage = sentences.Select(s => PassageSearcher.Coverage(s.Text, weights)).ToArray();
        double best = coverage.Length == 0 ? 0 : coverage.Max();
        var rank = coverage.Select(c => coverage.Count(o => o > c)).ToArray();

        // The same by meaning: a sentence that says the question in other words (寄存 → 存放).
        var synonymCoverage = sentences.Select(s => new MeaningMatch(s.Text, weights).Coverage).ToArray();
        var synonymRank = synonymCoverage.Select(c => synonymCoverage.Count(o => o > c)).ToArray();
        var focus = Focus(sentences, weights);
        var focusRank = focus.Select(c => focus.Count(o => o > c)).ToArray();
        var q = new QuestionFacts(question, weights);
        var segmented = SentenceWords(passage, analyzer);
        var spread = new Spread(sentences);
        var bigrams = new QuestionBigrams(question, sentences, passage.FoldedTitle);

        for (int si = 0; si < sentences.Count; si++)
        {
            var (offset, s) = (sentences[si].Start, sentences[si].Text);
            if (s.Length == 0)
            {
                continue;
            }

            var (starts, ends, tokens) = segmented[si];
            var sentence = new SentenceFacts(s, q, coverage[si], rank[si], best - coverage[si], si, rule is null ? null : (rule.Start - offset, rule.Length), tokens, synonymCoverage[si], synonymRank[si], focus[si], focusRank[si], spread, bigrams, si, shapes);
            for (int a = 0; a < starts.Count; a++)
            {
                int start = starts[a];
                int words = 0;
                for (int b = 0; b < ends.Count; b++)
                {
                    int end = ends[b];
                    if (end <= start)
                    {
                        continue;
                    }

                    if (end - start > MaxChars || words > MaxWords)
                    {
                        break;
                    }

                    words++;
                    result.Add(new SpanCandidate(offset + start, end - start, sentence.Features(start, end, words)));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Each sentence's share of the question's weight when every keyword is also weighed by how few of
    /// the passage's sentences print it (ln((n + 1) / (printed + 0.5))): the sentence that holds the
    /// question's words this passage rarely repeats is the one the question is about, where plain
    /// coverage ties every sentence that repeats the passage's topic (深哈产业园, 两省).
    /// </summary>
    private static double[] Focus(IReadOnlyList<PreparedPassage.Sentence> sentences, IReadOnlyDictionary<string, double> weights)
    {
        // Which sentence prints which keyword, looked up once: the weights are counted from it, and so
        // is each sentence's share (summed in the keywords' order, as PassageSearcher.Coverage sums).
        var prints = new bool[weights.Count, sentences.Count];
        var local = new double[weights.Count];
        double total = 0;
        int k = 0;
        foreach (var (word, weight) in weights)
        {
            int printed = 0;
            for (int i = 0; i < sentences.Count; i++)
            {
                prints[k, i] = sentences[i].Text.Contains(word, StringComparison.Ordinal);
                printed += prints[k, i] ? 1 : 0;
            }

            local[k] = weight * Rarity(sentences.Count, printed);
            total += local[k++];
        }

        var focus = new double[sentences.Count];
        for (int i = 0; i < focus.Length; i++)
        {
            double found = 0;
            for (int w = 0; w < local.Length; w++)
            {
                found += prints[w, i] ? local[w] : 0;
            }

            focus[i] = total == 0 ? 0 : found / total;
        }

        return focus;
    }

    /// <summary>
    /// How telling a word or bigram is in a passage of <paramref name="sentences"/> sentences, <paramref name="printed"/>
    /// of which print it: ln((n + 1) / (printed + 0.5)). What the passage repeats (its topic) weighs little.
    /// </summary>
    internal static double Rarity(int sentences, int printed) => Math.Log((sentences + 1) / (printed + 0.5));

    /// <summary>
    /// The share of a passage's sentences that print a text. What the passage keeps repeating is its
    /// topic (the article's subject, 广东省 on a page about two provinces), which a question names rather
    /// than asks for; an answer is usually printed once, where the question's fact is stated.
    /// </summary>
    private sealed class Spread(IReadOnlyList<PreparedPassage.Sentence> sentences)
    {
        private readonly Dictionary<string, float> _known = new(StringComparer.Ordinal);

        public float Of(string text)
        {
            if (_known.TryGetValue(text, out var share))
            {
                return share;
            }

            int printed = 0;
            foreach (var sentence in sentences)
            {
                printed += sentence.Text.Contains(text, StringComparison.Ordinal) ? 1 : 0;
            }

            share = sentences.Count == 0 ? 0 : (float)printed / sentences.Count;
            _known[text] = share;
            return share;
        }
    }

    /// <summary>
    /// SmartCn's words of each sentence of a passage, segmented once per passage and kept while the
    /// passage is (the index keeps its recently read passages): segmenting took a tenth of a
    /// question's reading, and a chat asks many questions of the same few passages. Kept per analyzer.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PreparedPassage, SegmentedPassage> Segmented = [];

    private sealed record SegmentedPassage(Analyzer Analyzer, (List<int> Starts, List<int> Ends, List<(int Start, int End)> Words)[] Sentences);

    private static (List<int> Starts, List<int> Ends, List<(int Start, int End)> Words)[] SentenceWords(PreparedPassage passage, Analyzer analyzer)
    {
        if (Segmented.TryGetValue(passage, out var kept) && ReferenceEquals(kept.Analyzer, analyzer))
        {
            return kept.Sentences;
        }

        var segmented = new SegmentedPassage(analyzer, passage.Sentences.Select(x => x.Text.Length == 0 ? ([], [], []) : Tokens(analyzer, x.Text)).ToArray());
        Segmented.AddOrUpdate(passage, segmented);
        return segmented.Sentences;
    }

    /// <summary>Word starts and word ends of a sentence, each sorted (brackets next to a word extend it), and the words.</summary>
    internal static (List<int> Starts, List<int> Ends, List<(int Start, int End)> Words) Tokens(Analyzer analyzer, string s)
    {
        var starts = new SortedSet<int>();
        var ends = new SortedSet<int>();
        var words = new List<(int, int)>();
        using (var stream = analyzer.GetTokenStream(FieldNames.Words, s))
        {
            var offsets = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                int a = offsets.StartOffset, b = offsets.EndOffset;
                if (a < 0 || b > s.Length || b <= a)
                {
                    continue;
                }

                starts.Add(a);
                ends.Add(b);
                words.Add((a, b));
                if (a > 0 && Openers.Contains(s[a - 1]))
                {
                    starts.Add(a - 1);
                }

                if (b < s.Length && Closers.Contains(s[b]))
                {
                    ends.Add(b + 1);
                }

                // SmartCn drops % as punctuation; a percentage ends after it.
                if (b < s.Length && s[b] is '%' or '‰' && char.IsDigit(s[b - 1]))
                {
                    ends.Add(b + 1);
                }
            }

            stream.End();
        }

        return ([.. starts], [.. ends], words);
    }

    /// <summary>What is computed once per question.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("全称|全名|名称|名字|简称|称为|称作|叫做|叫什么|叫作|名叫|命名")]
    private static partial System.Text.RegularExpressions.Regex AsksNameCue();

    /// <summary>The titles a name is printed after (省长, 书记, 总经理's 经理…).</summary>
    internal static IReadOnlyList<string> Titles => SentenceFacts.Titles;

    /// <summary>Whether a word names a person's role or title (总经理, 省委书记, 导演).</summary>
    internal static bool IsTitle(string word) => SentenceFacts.Titles.Any(t => word.EndsWith(t, StringComparison.Ordinal));

    /// <summary>Whether the question asks what something is called (全称, 名字, 叫什么).</summary>
    internal static bool AsksName(string normalizedQuestion) => AsksNameCue().IsMatch(normalizedQuestion);

    /// <summary>
    /// Whether a "who" question's asked-about word names a role someone holds: a title (总经理, 省长), a noun
    /// for people (主角, 作者, 母亲), or the noun right before 是谁 after 的 (X的主唱是谁, 主唱是谁), printed before
    /// the question word. Not a word the question only passes through on the way to 谁 (以及谁, 是由于谁的占领,
    /// 跟谁的意见不合), nor the kind of answer the question word asks for (哪位歌手的首张专辑: a singer's name,
    /// which the passage need not call 歌手).
    /// </summary>
    internal static bool IsRole(QuestionAnalysis q, string head)
    {
        // 哪位歌手的首张专辑: the noun the question word asks of is the kind of answer, which the passage need not print.
        if (q.WhStart >= 0 && q.Normalized.IndexOf(head, q.WhStart, StringComparison.Ordinal) >= q.WhStart)
        {
            return false;
        }

        if (IsTitle(head) || PersonNouns.Contains(head[^1]))
        {
            return true;
        }

        var lead = q.LeadIn.TrimEnd('是', '为', '叫', ' ');
        if (!lead.EndsWith(head, StringComparison.Ordinal))
        {
            return false;
        }

        return lead.Length == head.Length || lead[lead.Length - head.Length - 1] == '的';
    }

    /// <summary>Last characters of nouns for people (记者, 主角, 演员, 父亲): their 叫什么 asks a person's name.</summary>
    private const string PersonNouns = "者员人家师手长官生角星友妻夫女父母亲兄弟姐妹";

    /// <summary>A name asked right after what it names (公司叫什么, 方案叫啥, 名字是什么).</summary>
    [System.Text.RegularExpressions.GeneratedRegex("(?:叫做|叫作|叫|名字是|名字叫)(?:什么|啥)")]
    private static partial System.Text.RegularExpressions.Regex CalledCue();

    /// <summary>Where a question asks for a full name (全称, 全名), or a name (名称).</summary>
    [System.Text.RegularExpressions.GeneratedRegex("全称|全名|名称")]
    internal static partial System.Text.RegularExpressions.Regex FullNameCue();

    private static readonly string[] WhCores = ["什么样", "什么", "哪一个", "哪一种", "哪个", "哪种", "哪所", "哪家", "哪位", "哪座", "哪部", "哪条", "哪项", "哪类", "哪支", "哪些", "何种", "哪", "何"];

    /// <summary>
    /// The noun right after the question word (哪个机组 → 机组, 哪个国家重点实验室 → 国家重点实验室, 啥优势亮给人家看 →
    /// 优势): the question's words that follow it one after another, up to the first verb, at most
    /// eight characters; with <paramref name="printedIn"/>, through a verb-like modifier that passage prints
    /// inside the noun. Empty when a verb or nothing follows (什么是…, …是什么). For a full name
    /// (…方案，全称是什么), the noun the name is asked of (方案).
    /// </summary>
    internal static string TypeNounOf(QuestionAnalysis q, IEnumerable<string> keywords, string? printedIn = null)
    {
        if (q.WhStart < 0)
        {
            return "";
        }

        var words = keywords as IReadOnlyCollection<string> ?? keywords.ToList();
        var text = q.Normalized;
        var cue = FullNameCue().Match(text);
        if (!(cue.Success && (cue.Index < q.WhStart ? cue.Value != "名称" : cue.Index == q.WhStart && cue.Length == q.WhLength)))
        {
            // 两省共同组建的公司叫什么 / 那个方案叫啥: a name asked right after the noun it names.
            cue = CalledCue().Match(text);
            if (!cue.Success || cue.Index + cue.Length != q.WhStart + q.WhLength)
            {
                cue = System.Text.RegularExpressions.Match.Empty;
            }
        }

        if (cue.Success)
        {
            // 那份对口合作方案，全称是什么 / 那家公司的全名叫啥: a full name ends with what it names (…工作方案,
            // …有限公司), the noun right before 全称 (past 的 and a comma), when it is not a verb. So does a name
            // asked in keywords (深圳 哈工大 研究所 名称), where 名称 is the question word; but …名称来自于哪里
            // asks where a name comes from.
            int before = cue.Index;
            while (before > 0 && text[before - 1] is '的' or '，' or ',' or '、' or ' ')
            {
                before--;
            }

            string? named = null;
            foreach (var w in words)
            {
                if (w.Length > (named?.Length ?? 0) && w.Length <= before && string.CompareOrdinal(text, before - w.Length, w, 0, w.Length) == 0)
                {
                    named = w;
                }
            }

            // A time (二户车站在1891年叫做什么名字) is when the name was borne, not what it names; a person's
            // name (记者叫什么, 主角叫什么名字) ends with no role noun.
            return named is null || Synonyms.Shared.IsVerb(named) || named.Any(char.IsDigit) || named[^1] is '年' or '月' or '日' or '时' or '期' or '代'
                || (cue.Value[0] is '叫' or '名' && (IsTitle(named) || PersonNouns.Contains(named[^1]))) ? "" : named;
        }

        int end = q.WhStart + q.WhLength;
        foreach (var core in WhCores)
        {
            int at = text.IndexOf(core, q.WhStart, q.WhLength, StringComparison.Ordinal);
            if (at >= 0)
            {
                end = at + core.Length;
                break;
            }
        }

        // 什么样的企业: the noun of "what kind of" comes after its 的.
        if (text[end - 1] == '样' && end < text.Length && text[end] == '的')
        {
            end++;
        }

        string? Next(int at)
        {
            string? next = null;
            foreach (var w in words)
            {
                if (w.Length > (next?.Length ?? 0) && string.CompareOrdinal(text, at, w, 0, w.Length) == 0)
                {
                    next = w;
                }
            }

            return next;
        }

        int stop = end;
        while (stop - end < 8)
        {
            var next = Next(stop);
            if (next is null || stop + next.Length - end > 8 || (stop == end && Synonyms.Shared.IsVerb(next)))
            {
                break;
            }

            if (Synonyms.Shared.IsVerb(next) && stop > end)
            {
                // A word CC-CEDICT glosses mostly as a verb may still modify the noun (重点 in 国家重点实验室:
                // zhòngdiǎn "key" and chóngdiǎn "to recount" share the characters). With a passage given,
                // it is taken in where the passage prints the noun through it, ending on a word that is no
                // verb; 哪个队伍获得冠军 stays 队伍 where the passage prints 上海申花队获得冠军.
                int through = stop + next.Length;
                string? after;
                while ((after = Next(through)) is not null && !Synonyms.Shared.IsVerb(after) && through + after.Length - end <= 8)
                {
                    through += after.Length;
                }

                if (printedIn is null || through == stop + next.Length || !printedIn.Contains(text.AsSpan(end, through - end), StringComparison.Ordinal))
                {
                    break;
                }

                stop = through;
                continue;
            }

            stop += next.Length;
        }

        return text[end..stop];
    }

    private sealed class QuestionFacts
    {
        public QuestionFacts(QuestionAnalysis q, IReadOnlyDictionary<string, double> weights)
        {
            Q = q;
            Weights = weights;
            Total = weights.Values.Sum();
            Chars = new HashSet<char>(q.Normalized.Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c)));
            var wh = q.WhStart < 0 ? "" : q.Normalized.Substring(q.WhStart, q.WhLength);
            WhCode = Array.FindIndex(WhWords, w => wh.Contains(w, StringComparison.Ordinal));
            AskedGranularity = WholePhrase.AskedGranularity(q);
            Times = AnswerExtractor.NamedTimes(q);
            AsksName = AsksNameCue().IsMatch(q.Normalized) ? 1 : 0;
            TypeNoun = q.Kind is AnswerKind.Quantity or AnswerKind.Date ? "" : TypeNounOf(q, weights.Keys);
            foreach (var word in weights.Keys)
            {
                // Synonyms of more than one character (a single one would match anywhere).
                SynonymsOf[word] = Synonyms.Shared.Of(word).Where(x => x.Length > 1).Distinct(StringComparer.Ordinal).ToArray();
                int at = q.Normalized.IndexOf(word, StringComparison.Ordinal);
                Side[word] = q.WhStart < 0 || at < 0 ? 0 : at < q.WhStart ? -1 : 1;
            }
        }

        /// <summary>The times the question names (2019年), found once for every candidate's <see cref="AnswerExtractor.NamedTimeFit(string[], string, int)"/>.</summary>
        public string[] Times { get; }

        /// <summary>Which side of the question word each keyword stands on (-1 before, 1 after, 0 unknown).</summary>
        public Dictionary<string, int> Side { get; } = new(StringComparer.Ordinal);

        public int WhCode { get; }

        /// <summary>1 when the question asks what something is called (全称, 名字, 叫什么): its answer repeats the question's words.</summary>
        public float AsksName { get; }

        /// <summary>The kind of thing asked for, as the question names it after its question word (哪个[机组], 什么[机制], 哪所[大学]); empty when it names none.</summary>
        public string TypeNoun { get; }

        /// <summary>Each keyword's synonyms (<see cref="Synonyms"/>), looked up once per question.</summary>
        public Dictionary<string, string[]> SynonymsOf { get; } = new(StringComparer.Ordinal);

        /// <summary>How fine a date the question asks for: 1 a year (哪一年), 2 a month (几月), 3 a day (哪天, 几号, 日期), 0 not a date.</summary>
        public float AskedGranularity { get; }

        public QuestionAnalysis Q { get; }

        public IReadOnlyDictionary<string, double> Weights { get; }

        public double Total { get; }

        public HashSet<char> Chars { get; }
    }

    /// <summary>What is computed once per sentence, and the features of one span of it.</summary>
    private sealed class SentenceFacts
    {
        private readonly string _s;
        private readonly QuestionFacts _q;
        private readonly float[] _common;
        private readonly int[] _leftAlign, _leftAlignSkip, _rightAlign, _rightAlignSkip;
        private readonly List<(int Start, int End, double Weight, string Word, int Index)> _hits = [];
        private readonly int[] _nearest;
        private readonly double[] _keywordWeights;
        private readonly int[] _sides;
        private readonly (int Start, int Length)? _rule;
        private readonly double _scope;

        private readonly List<(int Start, int End, double LogFrequency, WordClass Class)> _words;
        private readonly float _synonymCoverage;
        private readonly int _synonymRank;
        private readonly int _synonymHits;
        private readonly float _focus;
        private readonly int _focusRank;

        private readonly Spread _spread;
        private readonly QuestionBigrams _bigrams;
        private readonly int _sentence;
        private readonly double[] _bigramSums;
        private readonly double[] _topicFreeSums;
        private readonly AnswerShapes _shapes;

        /// <summary>Prefix sums of each character's <see cref="AnswerShapes.Edge.Inside"/> log-ratio.</summary>
        private readonly double[] _inside;

        public SentenceFacts(string s, QuestionFacts q, double coverage, int rank, double gap, int index, (int, int)? rule, List<(int Start, int End)> words, double synonymCoverage, int synonymRank, double focus, int focusRank, Spread spread, QuestionBigrams bigrams, int sentence, AnswerShapes shapes)
        {
            _shapes = shapes;
            _inside = new double[s.Length + 1];
            for (int i = 0; i < s.Length; i++)
            {
                _inside[i + 1] = _inside[i] + shapes.Of(q.Q.Kind, AnswerShapes.Edge.Inside, s[i]);
            }

            _bigrams = bigrams;
            _sentence = sentence;
            _bigramSums = bigrams.PrefixSums(sentence);
            _topicFreeSums = bigrams.PrefixSums(sentence, topicFree: true);
            _clauseStarts = new int[s.Length + 1];
            for (int i = 1; i <= s.Length; i++)
            {
                _clauseStarts[i] = TextSpans.EndsClause(s[i - 1]) ? i : _clauseStarts[i - 1];
            }

            _clauseEnds = new int[s.Length + 1];
            _clauseEnds[s.Length] = s.Length;
            for (int i = s.Length - 1; i >= 0; i--)
            {
                _clauseEnds[i] = TextSpans.EndsClause(s[i]) ? i : _clauseEnds[i + 1];
            }

            _spread = spread;
            _focus = (float)focus;
            _focusRank = focusRank;
            _synonymCoverage = (float)synonymCoverage;
            _synonymRank = synonymRank;
            _s = s;
            var classes = PartsOfSpeech.Shared;
            _words = words.Select(w => (w.Start, w.End, Math.Log(1 + WordWeights.Shared.Frequency(s[w.Start..w.End])), classes.Of(s.AsSpan(w.Start, w.End - w.Start)))).ToList();
            _q = q;
            _rule = rule;
            var qa = q.Q;
            _common =
            [
                (float)qa.Kind, qa.Normalized.Length, qa.LeadIn.Length, qa.LeadOut.Length,
                qa.WhStart < 0 ? -1 : (float)qa.WhStart / Math.Max(1, qa.Normalized.Length), qa.Unit is null ? 0 : 1,
            ];
            int k = 0;
            _keywordWeights = new double[q.Weights.Count];
            _sides = new int[q.Weights.Count];
            foreach (var (word, weight) in q.Weights)
            {
                _keywordWeights[k] = weight;
                _sides[k] = q.Side[word];
                int before = _hits.Count;
                for (int at = s.IndexOf(word, StringComparison.Ordinal); at >= 0; at = s.IndexOf(word, at + 1, StringComparison.Ordinal))
                {
                    _hits.Add((at, at + word.Length, weight, word, k));
                }

                if (_hits.Count == before)
                {
                    // Not printed as asked: where the sentence says it in other words, that place
                    // anchors the answer too, at a little less weight.
                    foreach (var synonym in q.SynonymsOf[word])
                    {
                        for (int at = s.IndexOf(synonym, StringComparison.Ordinal); at >= 0; at = s.IndexOf(synonym, at + 1, StringComparison.Ordinal))
                        {
                            _hits.Add((at, at + synonym.Length, 0.8 * weight, synonym, k));
                            _synonymHits++;
                        }
                    }
                }

                k++;
            }

            // Reused per span (a span's features are computed one at a time).
            _nearest = new int[q.Weights.Count];

            _leftAlign = new int[s.Length + 1];
            _leftAlignSkip = new int[s.Length + 1];
            _rightAlign = new int[s.Length + 1];
            _rightAlignSkip = new int[s.Length + 1];
            for (int p = 0; p <= s.Length; p++)
            {
                _leftAlign[p] = CommonSuffix(s, p, qa.LeadIn);
                _rightAlign[p] = CommonPrefix(s, p, qa.LeadOut);
                for (int skip = 1; skip <= 3; skip++)
                {
                    if (p - skip >= 0)
                    {
                        _leftAlignSkip[p] = Math.Max(_leftAlignSkip[p], CommonSuffix(s, p - skip, qa.LeadIn));
                    }

                    if (p + skip <= s.Length)
                    {
                        _rightAlignSkip[p] = Math.Max(_rightAlignSkip[p], CommonPrefix(s, p + skip, qa.LeadOut));
                    }
                }
            }

            _scope = AnswerExtractor.ScopeFit(qa, s);
            Coverage = coverage;
            Rank = rank;
            Gap = gap;
            Index = index;
        }

        private double Coverage { get; }

        private int Rank { get; }

        private double Gap { get; }

        private int Index { get; }

        public float[] Features(int start, int end, int words)
        {
            var s = _s;
            var span = s.AsSpan(start, end - start);
            var value = s[start..end];
            var qa = _q.Q;
            int len = end - start;
            int digits = 0, cjk = 0, latin = 0, inQuestion = 0, commas = 0;
            foreach (var c in span)
            {
                digits += char.IsDigit(c) ? 1 : 0;
                cjk += c is >= '\u4e00' and <= '\u9fff' ? 1 : 0;
                latin += char.IsAsciiLetter(c) ? 1 : 0;
                inQuestion += _q.Chars.Contains(c) ? 1 : 0;
                commas += c is ',' or '、' or '，' ? 1 : 0;
            }

            // Each pattern is run only when the span's first character can begin a match of it: most
            // spans are words, and running the three on every span took a sixth of the reading.
            bool isNumber = false;
            if (char.IsDigit(value[0]))
            {
                var number = AnswerExtractor.ArabicNumber().Match(value);
                isNumber = number.Success && number.Index == 0 && AnswerExtractor.TrimNumber(number.Value).Length == len;
            }

            if (!isNumber && ChineseNumberStarts.Contains(value[0]))
            {
                var cn = AnswerExtractor.ChineseNumber().Match(value);
                isNumber = cn.Success && cn.Index == 0 && cn.Length == len;
            }

            bool isDate = (char.IsDigit(value[0]) || DateStarts.Contains(value[0])) && AnswerExtractor.IsDate(value);
            double unitFit = digits > 0 || isNumber ? AnswerExtractor.UnitFit(qa.Unit, AnswerExtractor.UnitOf(value), value) : 0;

            double leftMass = 0, rightMass = 0, proximity = 0;
            int nearestLeft = 99, nearestRight = 99, keywordsInside = 0;
            bool startsWithKeyword = false, endsWithKeyword = false;
            Array.Fill(_nearest, int.MaxValue);
            foreach (var (hs, he, w, _, index) in _hits)
            {
                if (hs >= start && he <= end)
                {
                    keywordsInside++;
                    startsWithKeyword |= hs == start;
                    endsWithKeyword |= he == end;
                    continue;
                }

                int distance = he <= start ? start - he : hs >= end ? hs - end : 0;
                if (he <= start)
                {
                    nearestLeft = Math.Min(nearestLeft, distance);
                    if (distance <= 12)
                    {
                        leftMass += w;
                    }
                }
                else if (hs >= end)
                {
                    nearestRight = Math.Min(nearestRight, distance);
                    if (distance <= 12)
                    {
                        rightMass += w;
                    }
                }

                _nearest[index] = Math.Min(_nearest[index], distance);
            }

            for (int i = 0; i < _nearest.Length; i++)
            {
                if (_nearest[i] != int.MaxValue)
                {
                    proximity += _keywordWeights[i] / (1 + (_nearest[i] / 8.0));
                }
            }

            // Keywords on the same side of the span as of the question word in the question.
            double agree = 0, sided = 0;
            foreach (var (hs, he, w, _, index) in _hits)
            {
                int side = _sides[index];
                if (side == 0 || (hs >= start && he <= end))
                {
                    continue;
                }

                sided += w;
                agree += (side < 0 && he <= start) || (side > 0 && hs >= end) ? w : 0;
            }

            int singles = 0, inside = 0;
            double logFrequency = 0;

            // The span's characters by the usual class of the words that print them (a name, a time, a
            // verb…), and the class of its first and last words and of the words around it.
            Span<int> classChars = stackalloc int[ClassCount];
            int first = -1, last = -1, wordBefore = -1, wordAfter = -1;
            foreach (var (ws, we, lf, wc) in _words)
            {
                if (ws >= start && we <= end)
                {
                    inside++;
                    singles += we - ws == 1 ? 1 : 0;
                    logFrequency += lf;
                    classChars[(int)wc] += we - ws;
                    first = first < 0 ? (int)wc : first;
                    last = (int)wc;
                }
                else if (we <= start)
                {
                    wordBefore = (int)wc;
                }
                else if (ws >= end && wordAfter < 0)
                {
                    wordAfter = (int)wc;
                }
            }

            double total = Math.Max(_q.Total, 1e-9);
            char before = start > 0 ? s[start - 1] : '\0';
            char after = end < s.Length ? s[end] : '\0';
            bool balanced = Balanced(span);
            bool whole = len >= 2 && Openers.Contains(span[0]) && Closers.Contains(span[^1]) && balanced;
            double ruleEqual = 0, ruleOverlap = 0;
            if (_rule is { } r)
            {
                ruleEqual = r.Start == start && r.Length == len ? 1 : 0;
                int overlap = Math.Min(end, r.Start + r.Length) - Math.Max(start, r.Start);
                ruleOverlap = overlap <= 0 ? 0 : (2.0 * overlap) / (len + r.Length);
            }

            return
            [
                .. _common,
                len, words, digits > 0 ? 1 : 0, isNumber ? 1 : 0, isDate ? 1 : 0, (float)unitFit,
                isNumber && AnswerExtractor.IsHedged(s, start, value) ? 1 : 0,
                isNumber && AnswerExtractor.IsDatePart(s, start, value) ? 1 : 0,
                (float)inQuestion / len, qa.Normalized.Contains(value, StringComparison.Ordinal) ? 1 : 0, keywordsInside,
                _leftAlign[start], _leftAlignSkip[start], _rightAlign[end], _rightAlignSkip[end],
                (float)(leftMass / total), (float)(rightMass / total), (float)(proximity / total), nearestLeft, nearestRight,
                (float)Coverage, Rank, (float)Gap, Index,
                commas, IsBoundary(before) ? 1 : 0, IsBoundary(after) ? 1 : 0, balanced ? 1 : 0, whole ? 1 : 0,
                EndsLike(OrganizationEnds, AnswerExtractor.OrganizationSuffix(), value) ? 1 : 0, EndsLike(PlaceEnds, AnswerExtractor.PlaceSuffix(), value) ? 1 : 0,
                (float)cjk / len, (float)latin / len, (float)start / s.Length,
                MarkerCode(before), ParticleEnd(span[^1]) ? 1 : 0, (float)ruleEqual, (float)ruleOverlap, words == 1 ? 1 : 0,
                startsWithKeyword ? 1 : 0, endsWithKeyword ? 1 : 0, (float)_scope,
                (float)AnswerExtractor.NamedTimeFit(_q.Times, s, start), TitleBefore(s, start) ? 1 : 0,
                sided == 0 ? -1 : (float)(agree / sided), inside == 0 ? 0 : (float)singles / inside, inside == 0 ? 0 : (float)(logFrequency / inside),
                Surnames.Contains(span[0]) ? 1 : 0, _q.WhCode,
                before, after, span[0], span[^1], before == '的' ? 1 : 0, after == '的' ? 1 : 0,
                isDate ? WholePhrase.Granularity(value) : 0, _q.AskedGranularity, isDate && ExtendsDate(start, end) ? 1 : 0,
                _synonymCoverage, _synonymRank, _q.AsksName, _synonymHits,
                TypeEndMatch(value), TypeFollows(s, end), _focus, _focusRank,
                // The context's bigrams lie wholly outside the span: those that begin before start - 1 or at end on.
                _bigrams.Share[_sentence], _bigrams.Rank[_sentence], _bigrams.WithPrevious[_sentence], _bigrams.LongestCommon[_sentence],
                (float)Math.Min(1, (Window(start - WindowChars, start - 1) + Window(end, end + WindowChars - 1)) / _bigrams.Total),
                (float)Math.Min(1, (Window(ClauseStart(start), start - 1) + Window(end, ClauseEnd(end) - 1)) / _bigrams.Total),
                _bigrams.TopicFreeShare[_sentence], _bigrams.TopicFreeRank[_sentence],
                (float)Math.Min(1, (Window(start - WindowChars, start - 1, _topicFreeSums) + Window(end, end + WindowChars - 1, _topicFreeSums)) / _bigrams.TopicFreeTotal),
                _bigrams.InTitle(span),
                _bigrams.TopicFreeChars[_sentence], _bigrams.TopicFreeCharRank[_sentence], _bigrams.TopicFreeMixedRank[_sentence], TypePrecedes(s, start),
                (float)classChars[(int)WordClass.Person] / len, (float)classChars[(int)WordClass.Place] / len,
                (float)classChars[(int)WordClass.Organization] / len, (float)classChars[(int)WordClass.OtherProper] / len,
                (float)classChars[(int)WordClass.Time] / len, (float)classChars[(int)WordClass.Number] / len,
                (float)classChars[(int)WordClass.Noun] / len, (float)classChars[(int)WordClass.Verb] / len,
                (float)classChars[(int)WordClass.Function] / len, (float)classChars[(int)WordClass.Unknown] / len,
                first, last, wordBefore, wordAfter,
                PartsOfSpeech.Shared.NameShape(span), _spread.Of(value),
                _shapes.Of(qa.Kind, AnswerShapes.Edge.First, span[0]), _shapes.Of(qa.Kind, AnswerShapes.Edge.Last, span[^1]),
                _shapes.Of(qa.Kind, AnswerShapes.Edge.Before, AnswerShapes.Before(s, start)), _shapes.Of(qa.Kind, AnswerShapes.Edge.After, AnswerShapes.After(s, end)),
                (float)((_inside[end] - _inside[start]) / len),
            ];
        }

        /// <summary>How far on each side of a span its context is read for the question's bigrams.</summary>
        private const int WindowChars = 16;

        /// <summary>Where the clause (<see cref="TextSpans.Clauses"/>) that holds each position begins.</summary>
        private readonly int[] _clauseStarts;

        /// <summary>Where the clause that holds the character before each position ends.</summary>
        private readonly int[] _clauseEnds;

        private int ClauseStart(int at) => _clauseStarts[Math.Clamp(at, 0, _s.Length)];

        private int ClauseEnd(int at) => _clauseEnds[Math.Clamp(at, 0, _s.Length)];

        /// <summary>The weight of the question's bigrams that begin at positions [from, to) of the sentence.</summary>
        private double Window(int from, int to) => Window(from, to, _bigramSums);

        private static double Window(int from, int to, double[] sums)
        {
            from = Math.Clamp(from, 0, sums.Length - 1);
            to = Math.Clamp(to, from, sums.Length - 1);
            return sums[to] - sums[from];
        }

        /// <summary>How many word classes there are (<see cref="WordClass"/>).</summary>
        private const int ClassCount = (int)WordClass.Function + 1;

        /// <summary>The sentence's dates, found once (on its first date candidate).</summary>
        private System.Text.RegularExpressions.MatchCollection? _dates;

        /// <summary>The characters a match of <see cref="AnswerExtractor.ChineseNumber"/> can begin with.</summary>
        private const string ChineseNumberStarts = "一二两三四五六七八九十百千万";

        /// <summary>The characters other than digits a match of <see cref="AnswerExtractor.DateExpression"/> can begin with (一九九八年, 今年, 公元).</summary>
        private const string DateStarts = "一二〇零○今去明前公";

        private static readonly HashSet<char>? OrganizationEnds = LastCharacters(AnswerExtractor.OrganizationSuffix());
        private static readonly HashSet<char>? PlaceEnds = LastCharacters(AnswerExtractor.PlaceSuffix());

        /// <summary>
        /// The last characters of the words of a suffix pattern <c>(a|b|c)$</c>, so that most spans are
        /// told apart without running it; null when the pattern has another shape (then it always runs).
        /// </summary>
        private static HashSet<char>? LastCharacters(System.Text.RegularExpressions.Regex suffix)
        {
            var pattern = suffix.ToString();
            if (!pattern.StartsWith('(') || !pattern.EndsWith(")$", StringComparison.Ordinal))
            {
                return null;
            }

            var words = pattern[1..^2].Split('|');
            return words.All(w => w.Length > 0 && w.All(TextSpans.IsHan)) ? words.Select(w => w[^1]).ToHashSet() : null;
        }

        /// <summary>Whether <paramref name="value"/> matches the suffix pattern; its last character decides first (a final line break is left to the pattern, as its <c>$</c> passes over one).</summary>
        private static bool EndsLike(HashSet<char>? ends, System.Text.RegularExpressions.Regex suffix, string value) =>
            (ends is null || value[^1] == '\n' || ends.Contains(value[^1])) && suffix.IsMatch(value);

        /// <summary>Whether the date printed here runs on past the span (2017年 of 2017年12月17日).</summary>
        private bool ExtendsDate(int start, int end)
        {
            _dates ??= AnswerExtractor.DateExpression().Matches(_s);
            foreach (System.Text.RegularExpressions.Match m in _dates)
            {
                if (m.Index <= start && m.Index + m.Length >= end && m.Length > end - start)
                {
                    return true;
                }
            }

            return false;
        }

        private static int CommonSuffix(string s, int end, string lead)
        {
            int k = 0;
            while (k < lead.Length && k < 16 && end - k - 1 >= 0 && s[end - k - 1] == lead[lead.Length - 1 - k])
            {
                k++;
            }

            return k;
        }

        private static int CommonPrefix(string s, int start, string lead)
        {
            int k = 0;
            while (k < lead.Length && k < 16 && start + k < s.Length && s[start + k] == lead[k])
            {
                k++;
            }

            return k;
        }

        private static bool Balanced(ReadOnlySpan<char> span)
        {
            int depth = 0;
            foreach (var c in span)
            {
                if (c is '"')
                {
                    continue;
                }

                if (Openers.Contains(c))
                {
                    depth++;
                }
                else if (Closers.Contains(c))
                {
                    if (--depth < 0)
                    {
                        return false;
                    }
                }
            }

            int quotes = span.Count('"');
            return depth == 0 && quotes % 2 == 0;
        }

        private static bool IsBoundary(char c) => c == '\0' || char.IsPunctuation(c) || char.IsWhiteSpace(c) || char.IsSymbol(c);

        /// <summary>The role a character before a span marks: 0 none, 1 copula (是/为), 2 agent or place (由/在/于/被/从/向), 3 naming (叫/称/名).</summary>
        private static float MarkerCode(char c) => c switch
        {
            '是' or '为' => 1,
            '由' or '在' or '于' or '被' or '从' or '向' or '到' or '与' or '和' => 2,
            '叫' or '称' or '名' or '即' => 3,
            _ => 0,
        };

        private static bool ParticleEnd(char c) => c is '的' or '了' or '是' or '在' or '和' or '与' or '及';

        internal static readonly string[] Titles = ["主席", "总统", "省长", "市长", "书记", "部长", "主任", "总裁", "董事长", "经理", "教授", "博士", "导演", "作者", "创始人", "首相", "总理", "局长", "厅长", "校长", "院长", "队长", "主编", "演员", "歌手"];

        /// <summary>A title right before a span (省长马兴瑞): a name follows.</summary>
        /// <summary>2: the span ends with the noun the question asks for (科创总部项目 for 哪个项目); 1: with its last two characters; 0: not; -1: the question names none.</summary>
        private float TypeEndMatch(string value)
        {
            var noun = _q.TypeNoun;
            if (noun.Length == 0)
            {
                return -1;
            }

            // A title in brackets or quotes ends where its text does (《…工作方案》 for 那份方案的全称).
            var text = value.AsSpan().TrimEnd(Closers);
            if (text.Length > noun.Length && text.EndsWith(noun, StringComparison.Ordinal))
            {
                return 2;
            }

            return noun.Length >= 2 && text.Length > 2 && text.EndsWith(noun.AsSpan(noun.Length - 2), StringComparison.Ordinal) ? 1 : 0;
        }

        /// <summary>1 when the asked-for noun follows the span (“十四五”规划 for 哪个规划), past a closing quote or bracket.</summary>
        private float TypeFollows(string s, int end)
        {
            var noun = _q.TypeNoun;
            if (noun.Length == 0)
            {
                return -1;
            }

            while (end < s.Length && Closers.Contains(s[end]))
            {
                end++;
            }

            var head = noun.Length >= 2 ? noun[..2] : noun;
            return string.CompareOrdinal(s, end, head, 0, head.Length) == 0 ? 1 : 0;
        }

        /// <summary>
        /// 1 when the asked-for noun stands right before the span, as a name's apposition (哪个漫画家 → 漫画家峰仓和也,
        /// 什么杂志 → 杂志《知音漫客》), past an opening quote or bracket; -1 when the question names no noun.
        /// </summary>
        private float TypePrecedes(string s, int start)
        {
            var noun = _q.TypeNoun;
            if (noun.Length == 0)
            {
                return -1;
            }

            while (start > 0 && Openers.Contains(s[start - 1]))
            {
                start--;
            }

            var tail = noun.Length >= 2 ? noun[^2..] : noun;
            return start >= tail.Length && string.CompareOrdinal(s, start - tail.Length, tail, 0, tail.Length) == 0 ? 1 : 0;
        }

        private static bool TitleBefore(string s, int start)
        {
            foreach (var t in Titles)
            {
                if (start >= t.Length && string.CompareOrdinal(s, start - t.Length, t, 0, t.Length) == 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
