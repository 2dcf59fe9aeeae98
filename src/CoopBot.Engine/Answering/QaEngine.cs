using CoopBot.Engine.Indexing;
using CoopBot.Engine.Ingestion;
using CoopBot.Engine.Reading;
using CoopBot.Engine.Retrieval;
using Lucene.Net.Analysis;
using Microsoft.Extensions.Logging;

namespace CoopBot.Engine.Answering;

/// <summary>Where the engine reads articles from and keeps its index.</summary>
/// <param name="SeedsDir">The folder of article files.</param>
/// <param name="IndexDir">The folder the index is built into.</param>
public sealed record EngineOptions(string SeedsDir, string IndexDir)
{
    /// <summary>How many recent answers the engine keeps for repeated questions (0: none).</summary>
    public int AnswerCacheEntries { get; init; } = 1024;

    /// <summary>The reader's models; null: the ones shipped with the engine (or the hand-written rules if none ship).</summary>
    public ReaderModels? Reader { get; init; }

    /// <summary>
    /// Apply the seeds folder's changes before the first answer (true), or open the index as it is and
    /// leave them to <see cref="QaEngine.Refresh"/> (a bot host, which answers at once and updates in
    /// the background). An index that is missing or stale is built either way.
    /// </summary>
    public bool UpdateOnOpen { get; init; } = true;

    /// <summary>Answer with the hand-written rules instead of the learned reader (for comparison).</summary>
    public bool RulesOnly { get; init; }

    /// <summary>The tuned numbers of the answer path (<see cref="AnswerTuning.Default"/> unless an experiment says otherwise).</summary>
    public AnswerTuning Tuning { get; init; } = AnswerTuning.Default;

    /// <summary>
    /// The retriever the engine asks, given the Lucene one over this index: null uses that one as is.
    /// A deployment puts another <see cref="IPassageRetriever"/> here (a search cluster, a decorator
    /// that logs or caches); tests use it to check that the engine depends on nothing else.
    /// </summary>
    public Func<IPassageRetriever, IPassageRetriever>? Retriever { get; init; }
}

/// <summary>
/// Answers questions over the articles of a seeds folder: opens (or builds) the index, ranks
/// passages, extracts the short answer and decides whether the articles hold it at all.
/// Thread-safe: one instance serves concurrent questions.
/// </summary>
public sealed partial class QaEngine : IDisposable
{
    /// <summary>Most passages an answer carries unless the caller asks for more (更多 pages through the rest).</summary>
    public const int MaxPassages = 5;

    private readonly LoadedIndex _index;
    private readonly Analyzer _analyzer;
    private readonly QuestionAnalyzer _questions;
    private readonly IPassageRetriever _searcher;

    /// <summary>The index snapshot this engine answers from (internal: tests compare indexes).</summary>
    internal LoadedIndex Index => _index;

    /// <summary>The retriever (internal: tests read its caches).</summary>
    internal IPassageRetriever Searcher => _searcher;
    private readonly AnswerCache? _cache;
    private readonly ReaderModels? _reader;
    private readonly AnswerTuning _tuning;

    private QaEngine(LoadedIndex index, int answerCacheEntries, ReaderModels? reader, AnswerTuning tuning, Func<IPassageRetriever, IPassageRetriever>? retriever = null, EngineOptions? options = null, IndexStore? store = null)
    {
        _index = index;
        _reader = reader;
        _tuning = tuning;
        _cache = answerCacheEntries > 0 ? new AnswerCache(answerCacheEntries) : null;
        _analyzer = ChineseAnalysis.CreateAnalyzer();
        _questions = new QuestionAnalyzer(_analyzer);
        IPassageRetriever lucene = new PassageSearcher(index, _analyzer, tuning);
        _searcher = retriever is null ? lucene : retriever(lucene);
        _options = options;
        _store = store;
    }

    /// <summary>Date bases kept, by article (and by page file).</summary>
    private const int MaxCachedDates = 4096;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateBasis?> _dates = new(StringComparer.Ordinal);
    private readonly EngineOptions? _options;
    private readonly IndexStore? _store;

    /// <summary>The date an article's relative dates are read against (<see cref="RelativeDates"/>), or null when none is known.</summary>
    public DateBasis? DateBasisOf(string articleId)
    {
        // One basis per page file, shared by its articles, worked out from the page on first use and
        // kept by article, so an answer does not read its article again.
        if (_dates.TryGetValue(articleId, out var basis))
        {
            return basis;
        }

        if (_index.FindArticle(articleId) is not { } article)
        {
            return null;
        }

        basis = _pageDates.TryGetValue(article.Source, out var known) ? known : RelativeDates.BasisOf(article.Source, _index.ArticlesOnPage(article.Source));
        if (_dates.Count >= MaxCachedDates)
        {
            _dates.Clear();
            _pageDates.Clear();
        }

        _pageDates[article.Source] = basis;
        _dates[articleId] = basis;
        return basis;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateBasis?> _pageDates = new(StringComparer.Ordinal);

    /// <summary>Opens the engine, building the index first when it is missing, stale or unreadable.</summary>
    public static QaEngine Open(EngineOptions options, ILogger? logger = null)
    {
        // One-time loads that do not depend on one another: the reader's models and the index (about 120
        // and 220 ms on the project machine) on this thread, and on the thread pool the synonym and word
        // frequency tables (110 and 50 ms), jieba's word classes (the span features read them) and SmartCn's
        // dictionaries (260 ms, loaded by the first text a SmartCn analyzer reads). On two cores the first answer then waits for about half their sum. A
        // question asked before they finish waits on their own locks (Lazy, SmartCn's singletons) rather
        // than loading them twice; a load that fails fails again, and is reported, where it is used.
        _ = Task.Run(WarmTables);
        _ = Task.Run(WarmSmartCn);

        // The models first: models that do not fit this engine throw before the index is opened (and locked).
        var reader = options.RulesOnly ? null : options.Reader ?? ReaderModels.Shipped;
        var store = new IndexStore(options.IndexDir, logger);
        return new(store.OpenOrBuild(options.SeedsDir, options.UpdateOnOpen), options.AnswerCacheEntries, reader, options.Tuning, options.Retriever, options, store);
    }

    private static void WarmTables()
    {
        try
        {
            _ = Text.Synonyms.Shared;
            _ = WordWeights.Shared;
            _ = Reading.PartsOfSpeech.Shared;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException)
        {
            // Reported where the tables are used.
        }
    }

    private static void WarmSmartCn()
    {
        try
        {
            using var analyzer = ChineseAnalysis.CreateAnalyzer();
            ChineseAnalysis.Terms(analyzer, FieldNames.Words, "两省对口合作");
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            // Reported where SmartCn is used.
        }
    }

    /// <summary>
    /// Applies the page files added, changed or deleted since this engine was opened, file by file, and
    /// returns a new engine over the index after the change, or null when nothing changed. This engine
    /// keeps answering from the index as it was until it is disposed: questions under way never see a
    /// half-applied change.
    /// </summary>
    /// <param name="changed">The files reported changed, relative to the seeds folder (a file watcher's events), or null to look at every file.</param>
    public QaEngine? Refresh(IReadOnlyCollection<string>? changed = null)
    {
        if (_store is null || _options is null)
        {
            return null;
        }

        var next = _store.Update(_index, _options.SeedsDir, changed);
        return next is null ? null : new(next, _options.AnswerCacheEntries, _reader, _tuning, _options.Retriever, _options, _store);
    }

    /// <summary>The update that made this engine's index, when it was made by one (<see cref="Refresh"/>).</summary>
    public IndexUpdate? LastUpdate => _index.LastUpdate;

    /// <summary>Questions answered from the answer cache, and questions searched.</summary>
    public (long Hits, long Misses) AnswerCacheStatistics => _cache?.Statistics ?? (0, 0);

    /// <summary>What the index was built from.</summary>
    public IndexManifest Manifest => _index.Manifest;

    /// <summary>The <paramref name="count"/> newest articles (latest publication date first, then the order they were indexed in).</summary>
    public IReadOnlyList<Article> NewestArticles(int count) => _index.Newest(count);

    /// <summary>The articles of one page file, in print order.</summary>
    public IReadOnlyList<Article> ArticlesOnPage(string source) => _index.ArticlesOnPage(source ?? "");

    /// <summary>An article by id, or null.</summary>
    public Article? FindArticle(string id) => _index.FindArticle(id ?? "");

    /// <summary>Reads a question the way the engine does (exposed for diagnostics and tests).</summary>
    public QuestionAnalysis Analyze(string question) => _questions.Analyze(question ?? "");

    /// <summary>The ranking evidence for a question, best first: for diagnostics (<c>ask --explain</c>).</summary>
    public IReadOnlyList<string> Explain(string question)
    {
        var q = _questions.Analyze(question ?? "");
        var weights = _searcher.Weights(q);
        var lines = new List<string>
        {
            $"kind={q.Kind} unit={q.Unit ?? "-"} wh=[{(q.WhStart < 0 ? "" : q.Normalized.Substring(q.WhStart, q.WhLength))}] keywords={string.Join(" ", weights.Select(w => $"{w.Key}:{w.Value:F2}"))}",
        };
        var ranked = Rank(q, weights);
        var general = WordWeights.Shared.Of(q.Keywords);
        var title = TitleHolders.Asked(q, general);
        if (_reader is not null && ranked.Count > 0)
        {
            // The same reordering the answer path makes before it reads the first passage.
            PreferStandingFigure(q, ranked);
            PreferTitleHolder(ranked, title);
        }

        foreach (var (hit, span, score) in ranked.Take(8))
        {
            var text = span is null ? "-" : hit.Passage.Text.Substring(span.Start, span.Length);
            lines.Add($"{score:F3} lucene={hit.Lucene:F2} cov={hit.Coverage:F2} sent={hit.SentenceCoverage:F2} span={text}({span?.Score:F2}) {hit.Passage.Text[..Math.Min(40, hit.Passage.Text.Length)]}");
        }

        if (_reader is not null && ranked.Count > 0)
        {
            // The learned reader on the first passage: its answer/refuse score and its best candidates.
            var reading = ReadPassage(q, ranked[0].Hit.Prepared, ranked[0].Span, general, weights, title);
            lines.Add($"reader: answer/refuse score {reading.Refusal:F3} ({(reading.Refusal > _tuning.RefusalThreshold ? "answers" : "refuses")} at {_tuning.RefusalThreshold:F1}); general word weights {string.Join(" ", general.Select(w => $"{w.Key}:{w.Value:F2}"))}");
            lines.Add($"topic: {(HoldsTopic(ranked[0].Hit, reading.Meaning) ? "held" : "not held")} (IDF coverage {ranked[0].Hit.Coverage:F2} of {_tuning.TopicCoverage:F2}; or names missing {reading.Meaning.NamesMissing} of 0 and noun coverage {reading.Meaning.NounCoverage:F2} of {_tuning.GeneralCoverage:F2}); asked-about noun {RefusalFeatures.Head(q, general) ?? "-"}; noun after the question word {(SpanFeatures.TypeNounOf(q, q.Keywords) is { Length: > 0 } noun ? noun : "-")}; noun measured {MeasuredNoun.Of(q) ?? "-"}; measure {(Measures.Asked(q) is { } d ? $"{d[0]}, {(Measures.PassageStates(q, ranked[0].Hit.Prepared.Folded) ? "printed" : "not printed")}" : "-")}; years named {(NamedYears.In(q.Normalized) is { Count: > 0 } named ? $"{string.Join(" ", named)}, {(NamedYears.PassageStates(q, ranked[0].Hit.Prepared.Folded, ranked[0].Hit.Passage.Published) ? "printed" : "not printed")}" : "-")}");
            foreach (var (candidate, score) in reading.Scored.Take(8))
            {
                lines.Add($"  {score:F3} {ranked[0].Hit.Passage.Text.Substring(candidate.Start, candidate.Length)}");
            }

            lines.Add($"pick (before whole-phrase trims): {(reading.Best is { } best ? ranked[0].Hit.Passage.Text.Substring(best.Start, best.Length) : "-")}");
            if (reading.Best is { } picked && FigureOwner.OnlyAfter(q, ranked[0].Hit.Prepared.Folded, picked.Start, picked.Length, general))
            {
                lines.Add("figure's owner: the question's subject is printed only after the figure's clause, which names nothing asked (refused)");
            }
            string Printed((int Start, int Length)? span, string none) => span is { } at ? ranked[0].Hit.Passage.Text.Substring(at.Start, at.Length) : none;
            if (Locations.In(q) is { } place)
            {
                lines.Add($"place asked ({place.Kind} of {place.Subject}): {Printed(Locations.Find(ranked[0].Hit.Prepared, place), "not printed after a cue in the first passage")}");
            }

            if (Occupations.Of(q) is { } worker)
            {
                lines.Add($"occupation asked (of {worker}): {Printed(Occupations.Find(ranked[0].Hit.Prepared, worker), "no apposition after the name in the first passage")}");
            }

            if (Aliases.In(q) is { } alias)
            {
                lines.Add($"other name asked ({alias.Cue}, {alias.Kind} of {alias.Subject}): {Printed(Aliases.Find(ranked[0].Hit.Prepared, alias), "not printed after a cue in the first passage")}");
            }
        }

        return lines;
    }

    /// <summary>Answers one question.</summary>
    /// <param name="question">The question as asked.</param>
    /// <param name="maxPassages">How many passages to return; the ranking itself does not depend on it.</param>
    public Answer Ask(string question, int maxPassages = MaxPassages) =>
        _cache is null ? Search(question ?? "", maxPassages) : _cache.GetOrAdd(question ?? "", maxPassages, Search);

    /// <summary>
    /// Answers one question without the answer cache, neither reading nor filling it: for what-if
    /// checks (an editor's alias before it is saved) that must not push real questions out of the cache.
    /// </summary>
    public Answer Try(string question, int maxPassages = MaxPassages) => Search(question ?? "", maxPassages);

    /// <summary>A passage by id, or null.</summary>
    public Passage? FindPassage(string passageId) => FindPrepared(passageId)?.Passage;

    /// <summary>A passage by id, prepared (folded text, sentences), or null.</summary>
    internal PreparedPassage? FindPrepared(string passageId) => _index.FindPassage(passageId ?? "");

    /// <summary>The SmartCn words of a text, folded the way passages are indexed.</summary>
    public IReadOnlyList<string> Words(string text) => ChineseAnalysis.Terms(_analyzer, FieldNames.Words, Text.TextNormalizer.FoldForAnalysis(text ?? ""));

    /// <summary>
    /// The SmartCn words of a folded text with where each stands (the analyzer drops punctuation and
    /// does not say); empty when a word cannot be found back in the text.
    /// </summary>
    internal IReadOnlyList<(int Start, int End, string Word)> WordSpans(string folded)
    {
        var spans = new List<(int Start, int End, string Word)>();
        int cursor = 0;
        foreach (var word in Words(folded))
        {
            int at = folded.IndexOf(word, cursor, StringComparison.Ordinal);
            if (at < 0)
            {
                return [];
            }

            spans.Add((at, at + word.Length, word));
            cursor = at + word.Length;
        }

        return spans;
    }

    private Answer Search(string question, int maxPassages)
    {
        if (Text.SmallTalk.Classify(question) != Text.SmallTalkKind.None)
        {
            return new Answer(question, false, null, [], NoAnswerReason.SmallTalk);
        }

        var q = _questions.Analyze(question);
        if (q.Keywords.Count == 0)
        {
            return new Answer(question, false, null, [], NoAnswerReason.NothingToSearch);
        }

        if (_reader is not null && Arithmetic.Parse(q.Normalized) is { } lookups)
        {
            return Derive(question, lookups, maxPassages);
        }

        if (_reader is not null && Arithmetic.ParseUnnamedSum(q.Normalized) is { } occasions)
        {
            return SumOccasions(question, q, occasions.Count, occasions.Event, maxPassages);
        }

        var weights = _searcher.Weights(q);
        var ranked = Rank(q, weights);
        if (ranked.Count == 0)
        {
            return new Answer(question, false, null, [], NoAnswerReason.NotInArticles);
        }

        // One word and no question (签约): when the articles give several figures for it, ask which is meant.
        if (q.WhStart < 0 && q.Keywords.Count == 1 && q.Normalized.Length <= MaxVagueLength)
        {
            // Only questions that, asked, find the very figure they were made from, each a different one.
            var clarifications = Figures.Clarifications(q.Keywords[0], ranked.Take(_tuning.AnswerRerankDepth).Select(x => x.Hit.Prepared), 2 * MaxClarifications)
                .Where(c => Search(c.Question, 1) is { Answered: true } a && a.Text == c.Figure)
                .DistinctBy(c => c.Figure)
                .Take(MaxClarifications)
                .Select(c => c.Question)
                .ToList();
            if (clarifications.Count >= 2)
            {
                var closest = ranked.Take(maxPassages).Select(x => new QuotedPassage(x.Hit.Passage, Math.Round(x.Score, 4), null, 0)).ToList();
                return new Answer(question, false, null, closest, NoAnswerReason.TooVague) { Clarifications = clarifications };
            }
        }

        if (_reader is not null)
        {
            return Read(question, q, ranked, maxPassages, weights);
        }

        var top = ranked[0];
        bool answered = top.Hit.Coverage >= _tuning.MinCoverage && top.Span is not null;
        var passages = ranked.Take(maxPassages)
            .Select((x, i) => new QuotedPassage(x.Hit.Passage, Math.Round(x.Score, 4), answered && i == 0 ? x.Span!.Start : null, answered && i == 0 ? x.Span!.Length : 0))
            .ToList();
        return answered
            ? new Answer(question, true, top.Hit.Passage.Text.Substring(top.Span!.Start, top.Span.Length), passages, NoAnswerReason.None)
            : new Answer(question, false, null, passages, NoAnswerReason.NotInArticles);
    }

    /// <summary>
    /// The learned reader: the span ranker picks the answer in the best passage, and the answer/refuse
    /// model decides whether that passage states what is asked at all.
    /// </summary>
    private Answer Read(string question, QuestionAnalysis q, List<(PassageHit Hit, AnswerSpan? Span, double Score)> ranked, int maxPassages, IReadOnlyDictionary<string, double> idf)
    {
        if (Credits.AsksWhoWrote(q) && ReadWriter(question, q, ranked, maxPassages, idf) is { } written)
        {
            return written;
        }

        var general = WordWeights.Shared.Of(q.Keywords);
        var title = TitleHolders.Asked(q, general);
        PreferStandingFigure(q, ranked);
        PreferTitleHolder(ranked, title);
        var occupation = PreferOccupation(ranked, Occupations.Of(q));
        var reading = ReadPassage(q, ranked[0].Hit.Prepared, ranked[0].Span, general, idf, title);

        // The model is trained on encyclopaedia paragraphs, where the best other paragraph shares the
        // topic; on a news page a question about another place or body (北京与上海…) shares its verbs
        // and still gets a confident span. So the passage must also be about what the question is
        // about: hold 0.4 of its weight by IDF over the articles (the telling words of this corpus;
        // AnswerTuning.TopicCoverage says why not half), or every place, body and person it names and a
        // share of its nouns by general usage, as printed or by a synonym (which lets everyday wording and
        // paraphrased verbs through but not another place or body).
        // And a measure asked (an age, a share, money, a weight) must be printed in it (Measures), and
        // a year the question names printed in it or its publication year (NamedYears).
        var folded = ranked[0].Hit.Prepared.Folded;
        bool answered;
        int start = 0, length = 0;
        if (Credits.AsksWhoTookPhoto(q))
        {
            // Who took the photo: the credit printed under the caption of the scene the question names
            // (most of the weight of its words other than 照片, 拍…), whatever the span ranker (trained
            // without credits) thought of it; no credit, no photographer (Credits).
            var credit = Credits.Photographer(folded);
            answered = credit is not null && Credits.SceneCoverage(folded, idf) >= _tuning.MinCoverage && HoldsProvinces(general.Keys, reading.Meaning, folded);
            (start, length) = answered ? credit!.Value : (0, 0);
        }
        else
        {
            answered = reading.Best is not null && reading.Refusal > _tuning.RefusalThreshold && HoldsTopic(ranked[0].Hit, reading.Meaning) && NamesTheRole(q, general, reading.Meaning, folded)
                && !(title is not null && TitleHolders.OnlyForOthers(folded, title, _index.HomeProvince))
                && HoldsProvinces(general.Keys, reading.Meaning, folded)
                && Measures.PassageStates(q, folded)
                && NamedYears.PassageStates(q, folded, ranked[0].Hit.Passage.Published, NamedYears.NamesRelative(q) ? DateBasisOf(ranked[0].Hit.Passage.ArticleId)?.Year : null);
            if (answered)
            {
                // The whole-phrase steps read the passage's words, each of them: it is segmented once per answer.
                IReadOnlyList<(int Start, int End, string Word)>? passageWords = null;
                IReadOnlyList<(int Start, int End, string Word)> Words(string text) =>
                    ReferenceEquals(text, folded) ? passageWords ??= WordSpans(text) : WordSpans(text);

                (start, length) = WholePhrase.FullNameOfGiven(q, folded, Words) ?? WholePhrase.Of(q, folded, reading.Best!.Start, reading.Best.Length);
                (start, length) = WholePhrase.OutOfInfixBracket(q, folded, start, length, Words);
                (start, length) = WholePhrase.ThroughTypeNoun(q, folded, start, length);
                (start, length) = WholePhrase.WithName(q, folded, start, length, Words);
                (start, length) = WholePhrase.ThroughNameEnd(q, folded, start, length, Words);
                (start, length) = Echoes.Trim(q, folded, start, length, Words);
                (start, length) = WholePhrase.ThroughDottedName(q, folded, start, length);
                (start, length) = WholePhrase.WithoutTrailingVerb(q, folded, start, length, Words);
                answered = !FigureOwner.OnlyAfter(q, folded, start, length, general);

                // "Who" (or "what is … called") answered inside a photo credit (黑龙江日报[全媒体记者 桑蕾 摄]) is the
                // names it credits.
                if ((q.Kind == AnswerKind.Person || SpanFeatures.AsksName(q.Normalized)) && Credits.Photographer(folded) is { } names && start < names.Start + names.Length && names.Start < start + length)
                {
                    (start, length) = names;
                }
            }
        }

        if (answered && TitleHolders.TitleAskedOf(q) is { } person && TitleHolders.TitleBefore(folded, person) is { } printedTitle)
        {
            // 胡昌升是什么职务: the titles news prints before the name (省委副书记、省长胡昌升), whatever the span
            // ranker, trained on 担任/出任 sentences, made of it.
            (start, length) = printedTitle;
        }

        if (answered && Aliases.In(q) is { } alias && Aliases.Find(ranked[0].Hit.Prepared, alias) is { } printedAlias)
        {
            // 当惹雍错又叫什么: the name printed after 又称/别名/俗称 (or 原名, 简称, as asked) in the sentence that
            // names the subject, where the ranker took a description (一个咸水湖).
            (start, length) = printedAlias;
        }

        if (answered && Locations.In(q) is { } place && Locations.Find(ranked[0].Hit.Prepared, place) is { } printedPlace)
        {
            // 深水埗关帝庙在哪里: the clause after 位于 (分布于, 栖息于 as asked) about the subject, where the ranker
            // took a word near it (二级历史建筑物).
            (start, length) = printedPlace;
        }

        if (answered && occupation is { } printedOccupation)
        {
            // 赵鹏的职业是什么: the apposition after the name that ends in an occupation (中国足球运动员).
            (start, length) = printedOccupation;
        }

        if (answered && AnswerExtractor.Ordinal(q, ranked[0].Hit.Prepared.Folded, idf) is { } ordinal)
        {
            // 第几…: the printed ordinal of the measure asked (measured: docs/benchmarks.md).
            (start, length) = (ordinal.Start, ordinal.Length);
        }

        if (answered)
        {
            // A figure of another measure than the one asked (人口 → 51.65万吨) is not the answer, and
            // "how many" is not answered without a figure (多少干部 → 我省选派“精兵强将”).
            var value = ranked[0].Hit.Prepared.Folded.Substring(start, length);
            bool contradicts = Measures.Contradicts(q, value);
            if (contradicts && Measures.BestOfTheMeasure(q, folded, reading.Scored.Select(x => (x.Candidate.Start, x.Candidate.Length))) is { } measured)
            {
                // 核心启动区修了多长的市政道路: the best figure of the measure asked (6公里), where the ranker
                // preferred one of another (32.86亿元).
                (start, length) = measured;
                value = folded.Substring(start, length);
                contradicts = false;
            }

            answered = !contradicts && !Measures.CutFromADate(q, folded, start, length) && (q.Kind != AnswerKind.Quantity || Measures.HasFigure(value));
        }

        var passages = ranked.Take(maxPassages)
            .Select((x, i) => new QuotedPassage(x.Hit.Passage, Math.Round(x.Score, 4), answered && i == 0 ? start : null, answered && i == 0 ? length : 0))
            .ToList();
        if (!answered)
        {
            return new Answer(question, false, null, passages, NoAnswerReason.NotInArticles) { Confidence = reading.Refusal };
        }

        var first = ranked[0].Hit.Passage;
        var basis = DateBasisOf(first.ArticleId);
        var text = first.Text.Substring(start, length);
        var answer = new Answer(question, true, text, passages, NoAnswerReason.None) { Dates = RelativeDates.Resolve(first.Text, basis), DateBasis = basis, Confidence = reading.Refusal };
        if (q.Kind != AnswerKind.Quantity || !text.Any(char.IsDigit))
        {
            return answer;
        }

        // A figure: with the scope it is printed with, and the other figures the articles give for the
        // same measure, each scope with its relative dates resolved.
        var others = Figures.Others(text, ranked[0].Hit.Prepared, start, q.Keywords, ranked.Take(_tuning.AnswerRerankDepth).Select(x => (x.Hit, x.Span)), MaxOtherFigures)
            .Select(f => f with { Scope = RelativeDates.Annotate(f.Scope, DateBasisOf(f.Passage.Passage.ArticleId)) })
            .ToList();
        return answer with { Scope = RelativeDates.Annotate(Figures.ScopeOf(ranked[0].Hit.Prepared, start), basis), OtherFigures = others };
    }

    /// <summary>
    /// Who wrote an article (那篇深哈产业园的文章记者是谁): the reporters its byline names, for the article of the best-ranked
    /// paragraph, among the first few, that holds half the weight of the question's topic (its words other than 记者, 那篇,
    /// 报道 and the paper's name). A caption is passed over: its photo credit (黑龙江日报全媒体记者 桑蕾 摄) matches the
    /// question's 日报 and 记者, not its topic, and credits the photo, not the article. The byline is quoted as the
    /// answer's passage (<see cref="PageParser.BylinePassage"/>), the topic's paragraph after it. The span ranker never
    /// saw a byline: without this it answered with a phrase of the topic's paragraph (广东参加各类培训). Null when no
    /// paragraph of the topic is found or its article has no byline: the question is then read as any other.
    /// </summary>
    private Answer? ReadWriter(string question, QuestionAnalysis q, List<(PassageHit Hit, AnswerSpan? Span, double Score)> ranked, int maxPassages, IReadOnlyDictionary<string, double> idf)
    {
        var topic = ranked.Take(_tuning.AnswerRerankDepth)
            .FirstOrDefault(x => x.Hit.Passage.Heading != PageParser.CaptionHeading && Credits.TopicCoverage(x.Hit.Prepared.Folded, idf, q.Normalized) >= _tuning.MinCoverage);
        var byline = topic.Hit is not null && _index.FindArticle(topic.Hit.Passage.ArticleId) is { } article ? PageParser.BylinePassage(article) : null;
        var names = byline is null ? null : Credits.Reporters(byline.Text);
        if (byline is null || names is null)
        {
            // No article of that topic with a byline: an encyclopaedia page may name an essay's author in its text
            // (这篇文章的作者是谁), which the reader reads as any "who" question.
            return null;
        }

        var (start, length) = names.Value;
        var passages = ranked.Where(x => x.Hit.Passage.Id != topic.Hit!.Passage.Id).Prepend(topic).Take(maxPassages - 1)
            .Select(x => new QuotedPassage(x.Hit.Passage, Math.Round(x.Score, 4), null, 0));
        var quoted = new QuotedPassage(byline, Math.Round(topic.Score, 4), start, length);
        return new Answer(question, true, byline.Text.Substring(start, length), [quoted, .. passages], NoAnswerReason.None);
    }

    /// <summary>
    /// A computed answer: each figure looked up with its own question, kept only when printed with what
    /// that question names (a 2019年 figure for 2019年), then subtracted or added in one unit.
    /// </summary>
    private Answer Derive(string question, Arithmetic.Lookups lookups, int maxPassages)
    {
        var operands = new List<Operand>();
        var prepared = new List<PreparedPassage>();
        var missing = new List<string>();
        foreach (var (asked, key) in new[] { (lookups.First, lookups.FirstKey), (lookups.Second, lookups.SecondKey) })
        {
            var found = Search(asked, maxPassages);
            var passage = found is { Answered: true, Derivation: null } && found.Text!.Any(char.IsDigit) ? Prepare(found.Passages[0]) : null;
            if (passage is not null && PrintedWith(passage, found.Passages[0].AnswerStart ?? 0, key))
            {
                operands.Add(new Operand(asked.TrimEnd('是', '多', '少'), found.Text!, found.Passages[0]));
                prepared.Add(passage);
            }
            else
            {
                missing.Add(asked.EndsWith("是多少", StringComparison.Ordinal) ? asked[..^3] : asked);
            }
        }

        var passages = operands.Select(o => o.Passage).DistinctBy(p => p.Passage.Id).ToList();
        if (missing.Count > 0)
        {
            return new Answer(question, false, null, passages, NoAnswerReason.CannotCompute) { DerivationProblem = $"文章中没有找到“{string.Join("”和“", missing)}”的数字，无法计算" };
        }

        // Both figures must measure the same thing, and the question must say what: the question's
        // words printed right before each figure (贸易额 of 1241.99亿元 and of 1957.10亿元).
        var keywords = _questions.Analyze(lookups.Subject).Keywords;
        var measures = operands.Select((o, i) => Figures.MeasureOf(prepared[i], o.Passage.AnswerStart ?? 0, keywords)).ToList();
        if (measures[0] is null || measures[0] != measures[1])
        {
            return new Answer(question, false, null, passages, NoAnswerReason.CannotCompute)
            {
                DerivationProblem = keywords.Count == 0 ? "问题没有说明要计算的是什么数字（例如“两省对俄贸易额2019年比2017年增长了多少？”）" : $"找到的两个数字（{operands[0].Figure}、{operands[1].Figure}）不是同一项数字，无法计算",
            };
        }

        var (result, why) = Arithmetic.Compute(operands[0].Figure, operands[1].Figure, lookups.Subtract);
        if (result is null)
        {
            return new Answer(question, false, null, passages, NoAnswerReason.CannotCompute) { DerivationProblem = why };
        }

        var formula = $"{operands[0].Figure} {(lookups.Subtract ? "−" : "+")} {operands[1].Figure} = {result}";
        return new Answer(question, true, result, passages, NoAnswerReason.None) { Derivation = new Derivation(formula, operands) };
    }

    /// <summary>
    /// 两次签约一共多少亿: the one-off figures (not 截至目前, 累计…) in the asked unit that the best
    /// passages print in a sentence naming the occasion (签约), each with a date or occasion of its own;
    /// when there are exactly as many distinct ones as the question counts, their sum with each quoted,
    /// otherwise what was found and a request to name them.
    /// </summary>
    private Answer SumOccasions(string question, QuestionAnalysis q, int count, string occasion, int maxPassages)
    {
        var weights = _searcher.Weights(q);
        var ranked = Rank(q, weights);
        bool money = q.Unit == "元" || q.Normalized.Contains('亿') || q.Normalized.Contains('元') || q.Normalized.Contains('钱');
        var found = new List<Operand>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (hit, _, _) in ranked.Take(OccasionPassages))
        {
            foreach (var sentence in hit.Prepared.Sentences.Where(x => occasion.Length > 0 && x.Text.Contains(occasion, StringComparison.Ordinal)))
            {
                foreach (System.Text.RegularExpressions.Match m in AnswerExtractor.ArabicNumber().Matches(sentence.Text))
                {
                    var figure = AnswerExtractor.TrimNumber(m.Value);
                    int at = sentence.Start + m.Index;
                    var unit = AnswerExtractor.UnitOf(figure) ?? "";
                    bool fits = money ? unit.EndsWith('元') : q.Unit is { } u && unit.EndsWith(u, StringComparison.Ordinal);
                    if (!fits || AnswerExtractor.IsHedged(hit.Prepared.Folded, at, figure) || AnswerExtractor.IsDatePart(hit.Prepared.Folded, at, figure)
                        || Figures.IsCumulative(hit.Prepared, at) || !seen.Add(figure))
                    {
                        continue;
                    }

                    var scope = RelativeDates.Annotate(Figures.ScopeOf(hit.Prepared, at), DateBasisOf(hit.Passage.ArticleId));
                    found.Add(new Operand(scope, hit.Passage.Text.Substring(at, figure.Length), new QuotedPassage(hit.Passage, Math.Round(hit.Score, 4), at, figure.Length)));
                }
            }
        }

        var passages = found.Select(o => o.Passage).DistinctBy(p => p.Passage.Id).Take(maxPassages).ToList();
        if (count == 0 || found.Count != count)
        {
            var listed = found.Count == 0 ? "文章中没有找到可以相加的数字" : $"文章中找到{found.Count}个数字（{string.Join("；", found.Select(o => $"{o.Figure}，{o.Asked}"))}）";
            return new Answer(question, false, null, passages, NoAnswerReason.CannotCompute) { DerivationProblem = $"{listed}，与问题所说的次数不符，无法确定要相加哪几个；请写明各自的日期再问" };
        }

        var total = Arithmetic.Total(found.Select(o => o.Figure).ToList());
        if (total is null)
        {
            return new Answer(question, false, null, passages, NoAnswerReason.CannotCompute) { DerivationProblem = $"这些数字的单位不同（{string.Join("、", found.Select(o => o.Figure))}），无法直接相加" };
        }

        var formula = string.Join(" + ", found.Select(o => o.Figure)) + " = " + total;
        return new Answer(question, true, total, passages, NoAnswerReason.None) { Derivation = new Derivation(formula, found) };
    }

    /// <summary>How many of the best passages a sum over occasions looks through.</summary>
    private const int OccasionPassages = 10;

    /// <summary>A quoted passage as the answer path reads it (folded, cut into sentences): only for the two figures of a computed answer, so no table of every passage is kept for it.</summary>
    private static PreparedPassage Prepare(QuotedPassage quoted) => new(quoted.Passage, 0);

    /// <summary>Whether the date printed last before <paramref name="at"/>, in its sentence, is <paramref name="key"/> (2019年 for 由2017年的…增长到2019年的1957.10亿元).</summary>
    private static bool PrintedWith(PreparedPassage passage, int at, string key)
    {
        var sentence = passage.SentenceAt(at);
        var last = AnswerExtractor.DateExpression().Matches(sentence.Text[..Math.Clamp(at - sentence.Start, 0, sentence.Text.Length)]).LastOrDefault();
        return last is not null && (last.Value.StartsWith(key, StringComparison.Ordinal) || key.StartsWith(last.Value, StringComparison.Ordinal));
    }

    /// <summary>Longest message read as a bare word rather than a question when it has one keyword and no question word.</summary>
    public const int MaxVagueLength = 6;

    /// <summary>Most questions offered for a vague one.</summary>
    public const int MaxClarifications = 4;

    /// <summary>Most other figures an answer names.</summary>
    public const int MaxOtherFigures = 3;

    /// <summary>
    /// A question that names no date or occasion (两省对口合作的签约额是多少) asks for the standing,
    /// cumulative figure (截至目前…4901亿元), not the figure of one signing printed beside the same
    /// words: when the best passage's figure is of one occasion and a passage nearly as good prints a
    /// cumulative figure in the same unit, that passage is read first.
    /// </summary>
    private void PreferStandingFigure(QuestionAnalysis q, List<(PassageHit Hit, AnswerSpan? Span, double Score)> ranked)
    {
        if (q.Kind != AnswerKind.Quantity || !AnswerExtractor.AsksStandingFigure(q) || ranked[0].Span is not { } top || Figures.IsCumulative(ranked[0].Hit.Prepared, top.Start))
        {
            return;
        }

        var unit = AnswerExtractor.UnitOf(ranked[0].Hit.Passage.Text.Substring(top.Start, top.Length));
        for (int i = 1; i < Math.Min(ranked.Count, _tuning.AnswerRerankDepth); i++)
        {
            var (hit, span, score) = ranked[i];
            if (score < ranked[0].Score - _tuning.ScopeMargin)
            {
                break;
            }

            if (span is not null && Figures.IsCumulative(hit.Prepared, span.Start) && AnswerExtractor.UnitOf(hit.Passage.Text.Substring(span.Start, span.Length)) == unit)
            {
                var standing = ranked[i];
                ranked.RemoveAt(i);
                ranked.Insert(0, standing);
                return;
            }
        }
    }

    /// <summary>
    /// "What does he do" is read first in the passage that introduces the person with an occupation (赵鹏（），中国
    /// 足球运动员，…), among the first few at any score, where the best passage prints none: the question's 职业
    /// frames what is asked and is seldom printed with the answer, but it ranks a passage that prints it
    /// elsewhere (职业生涯中曾多次入选国家队) far above the one that introduces the person.
    /// </summary>
    /// <returns>Where the passage now first prints the occupation (<see cref="Occupations.Find"/>), or null.</returns>
    private (int Start, int Length)? PreferOccupation(List<(PassageHit Hit, AnswerSpan? Span, double Score)> ranked, string? person)
    {
        if (person is null)
        {
            return null;
        }

        for (int i = 0; i < Math.Min(ranked.Count, _tuning.AnswerRerankDepth); i++)
        {
            if (Occupations.Find(ranked[i].Hit.Prepared, person) is { } found)
            {
                var introduced = ranked[i];
                ranked.RemoveAt(i);
                ranked.Insert(0, introduced);
                return found;
            }
        }

        return null;
    }

    /// <summary>
    /// "Who holds the title" is read first in a passage that prints a name after that title
    /// (<see cref="TitleHolders"/>): for 黑龙江省委书记叫什么, 省委书记张庆伟 rather than a passage nearly as good
    /// that names only 广东省委副书记. Within <see cref="AnswerTuning.ScopeMargin"/> of the best, as for
    /// figures; at any score among the first few when the best prints the title only for another province
    /// (广东省省长马兴瑞 for 黑龙江省长是谁), which answers another question.
    /// </summary>
    private void PreferTitleHolder(List<(PassageHit Hit, AnswerSpan? Span, double Score)> ranked, TitleHolders.AskedTitle? asked)
    {
        if (asked is null || TitleHolders.In(ranked[0].Hit.Prepared.Folded, asked, _index.HomeProvince).Count > 0)
        {
            return;
        }

        bool otherOffice = TitleHolders.OnlyForOthers(ranked[0].Hit.Prepared.Folded, asked, _index.HomeProvince);
        for (int i = 1; i < (otherOffice ? ranked.Count : Math.Min(ranked.Count, _tuning.AnswerRerankDepth)); i++)
        {
            if (!otherOffice && ranked[i].Score < ranked[0].Score - _tuning.ScopeMargin)
            {
                break;
            }

            if (TitleHolders.In(ranked[i].Hit.Prepared.Folded, asked, _index.HomeProvince).Count > 0)
            {
                var holder = ranked[i];
                ranked.RemoveAt(i);
                ranked.Insert(0, holder);
                return;
            }
        }
    }

    /// <summary>
    /// A "who" question asks who holds a role or did a thing (深哈产业园的总经理是谁): a passage that never
    /// names the role (总经理, as printed or by a synonym) cannot say who holds it, however sure the span
    /// ranker is of a name or a clause in it. Only for people: for other kinds the asked-about noun is
    /// often paraphrased, and refusing on it cost dev answers (docs/benchmarks.md). Only for a role
    /// (<see cref="SpanFeatures.IsRole"/>): the word before 谁 in 以及谁, 由于谁的占领 is no role, and refusing
    /// on it refused 39 DRCD and 11 CMRC questions the passage answers.
    /// </summary>
    /// <param name="q">The analysed question.</param>
    /// <param name="general">Its keywords by general-usage weight.</param>
    /// <param name="meaning">Which keywords the passage holds by meaning.</param>
    /// <param name="text">The passage, folded.</param>
    private static bool NamesTheRole(QuestionAnalysis q, IReadOnlyDictionary<string, double> general, MeaningMatch meaning, string text)
    {
        if (q.Kind != AnswerKind.Person)
        {
            return true;
        }

        var head = RefusalFeatures.Head(q, general);
        return head is null || head.Length < 2 || meaning.Holds(head) || !SpanFeatures.IsRole(q, head) || NamesTheDoing(head, text);
    }

    /// <summary>
    /// A role named for what its holder does (作者, 创办人, 设计师: a verb and 者, 人, 家, 师 or 员) is named too
    /// where the passage prints that verb (作, 创办, 设计), on its own or in a word: 《长眠不醒》是雷蒙·钱德勒1939年的小说…
    /// 钱德勒最杰出的作品之一 never prints 作者, but its 作品 is a work someone made. Measured: 7 DRCD and CMRC
    /// 作者 questions answered instead of refused, 6 of them right.
    /// </summary>
    private static bool NamesTheDoing(string role, string text) =>
        role.Length >= 2 && "者人家师员".Contains(role[^1], StringComparison.Ordinal) && text.Contains(role[..^1], StringComparison.Ordinal);

    /// <summary>
    /// A question about a province is answered only from a passage about that province: one that
    /// prints its name, or says 我省 in that province's paper (<see cref="HomeProvince"/>). Otherwise
    /// 辽宁省派出多少干部赴广东… is answered with what the Heilongjiang paper says 我省 did.
    /// </summary>
    private bool HoldsProvinces(IEnumerable<string> keywords, MeaningMatch meaning, string text) =>
        keywords.All(k => !HomeProvince.IsProvincialName(k) || meaning.Holds(k) || HomeProvince.PairNamedIn(k, text, _index.HomeProvince, _index.PartnerProvince));

    private bool HoldsTopic(PassageHit hit, MeaningMatch meaning) =>
        hit.Coverage >= _tuning.TopicCoverage || (meaning.NamesMissing == 0 && meaning.NounCoverage >= _tuning.GeneralCoverage);

    /// <summary>The reader's candidates in one passage, best first, and its answer/refuse score.</summary>
    /// <param name="q">The analysed question.</param>
    /// <param name="passage">The passage.</param>
    /// <param name="rule">The hand-written extractor's pick in it.</param>
    /// <param name="weights">The keywords' general-usage weights (<see cref="WordWeights"/>).</param>
    /// <param name="idf">The keywords' IDF over the articles.</param>
    /// <param name="title">The title a "who" question asks the holder of (<see cref="TitleHolders.Asked"/>), or null.</param>
    internal PassageReading ReadPassage(QuestionAnalysis q, PreparedPassage passage, AnswerSpan? rule, IReadOnlyDictionary<string, double> weights, IReadOnlyDictionary<string, double> idf, TitleHolders.AskedTitle? title)
    {
        var candidates = SpanFeatures.Enumerate(q, passage, weights, _analyzer, rule, _reader!.Shapes);
        // The word-class ranker keeps the candidates worth a whole score; the answer/refuse model reads its
        // scores, as it was trained to, and the answer is picked by both rankers' mean (ReaderModels.PickScore).
        var ranked = _reader!.Spans.Rank(candidates, c => c.Features, _tuning.ReaderFirstTrees, _tuning.ReaderKeep);
        var byRanker = ranked.Select(x => (Candidate: x.Item, x.Score)).OrderByDescending(x => x.Score).ThenBy(x => x.Candidate.Start).ToList();
        var scored = ranked.Select(x => (Candidate: x.Item, Score: _reader.PickScore(x.Item.Features, x.Score))).OrderByDescending(x => x.Score).ThenBy(x => x.Candidate.Start).ToList();
        var holders = title is null ? [] : TitleHolders.In(passage.Folded, title, _index.HomeProvince);
        var home = _index.HomeProvinceNamedIn(weights.Keys);
        bool homeImplied = home is not null && title?.Province == home && holders.Count > 0;
        var meaning = new MeaningMatch(passage.Folded, weights, home, homeImplied);
        double refusal = _reader!.Refusal.Score(RefusalFeatures.Compute(q, passage, weights, idf, byRanker, meaning, candidates.Count));
        var pick = NameAfterKind(q, passage.Folded, FramedByTheQuestion(q, passage.Folded, ObjectOfTheVerb(q, passage.Folded, EndsWithTheNounAsked(q, passage.Folded, OfTheKindAsked(q, passage.Folded, ReaderModels.Pick(q.Kind, scored, rule), scored), scored), scored), scored), scored);
        pick = SlotInTheQuestionsName(q, passage.Folded, pick, scored);
        pick = AgentOfTheVerb(q, passage.Folded, pick, scored);
        pick = HolderOfTitle(passage.Folded, pick, scored, holders);
        pick = DateOfTheClause(q, passage, pick, scored, weights);
        pick = WholeList(q, passage.Folded, pick, scored);
        pick = NameAfterDescriptor(q, passage.Folded, pick, scored);
        return new PassageReading(NotAConnective(passage.Folded, MeasuredFigure(q, passage, CountNotArticle(q, passage.Folded, NameNotClause(q, passage.Folded, pick, scored), scored), scored), scored), refusal, scored, meaning);
    }

    /// <summary>
    /// The answer is of the kind asked. "Who" is not answered with a place (哪位省长… → 广东省 where the passage
    /// says 广东省省长马兴瑞), a time (鲤鱼门天后庙是谁建的 → not 清朝乾隆十八年, 英国当时的摄政王是谁 → not 时期) or a
    /// clause that opens on a verb (率广东省政府代表团…, 带队赴我省); "where" is not answered with a dated span
    /// (相武台下车站在什么地方 → not 1931年初设时), unless it asks for a period the analyzer reads as a place
    /// (在哪一个世纪, 哪个时期); "how many" is not answered with a date (咱们省一共送了多少干部 → not 截至2020年)
    /// unless the question names a unit of time or a date (多少年, 几岁, 哪一届, 2010年有多少人). When the best span
    /// is of the wrong sort, the best of the next few that is not and lies outside it is taken instead, if the ranker scores it near enough (<see cref="NearestThat"/>).
    /// </summary>
    private static SpanCandidate? OfTheKindAsked(QuestionAnalysis q, string text, SpanCandidate? best, IReadOnlyList<(SpanCandidate Candidate, double Score)> scored)
    {
        Func<string, bool>? wrong = q.Kind switch
        {
            AnswerKind.Person => NotAPerson,
            AnswerKind.Place when !AsksAPeriod().IsMatch(q.Normalized) => IsDated,
            AnswerKind.Quantity when !NamesATime().IsMatch(q.Normalized) => IsDated,
            _ => null,
        };
        if (wrong is null || best is null || scored.Count == 0 || !wrong(text.Substring(best.Start, best.Length)))
        {
            return best;
        }

        return NearestThat(best, scored, c =>
            !(c.Start < best.Start + best.Length && best.Start < c.Start + c.Length) && !wrong(text.Substring(c.Start, c.Length)));
    }

    /// <summary>
    /// "What N" with a one-character noun closing the question (召开了什么会, 得了什么病, 获得了什么奖): the answer names an N
    /// and ends with it (两省第一次对口合作座谈会). The rankers' asked-for noun (<see cref="SpanFeatures.TypeNounOf"/>) is a keyword
    /// of two characters or more, so they do not read this one; where their best does not end with N (李希, who
    /// called the meeting), the best of the next few that does is taken, if the ranker scores it near enough.
    /// </summary>
    private static SpanCandidate? EndsWithTheNounAsked(QuestionAnalysis q, string text, SpanCandidate? best, IReadOnlyList<(SpanCandidate Candidate, double Score)> scored)
    {
        if (best is null || scored.Count == 0 || q.Kind != AnswerKind.Entity || OneCharacterNounAsked(q) is not { } noun)
        {
            return best;
        }

        bool Ends(SpanCandidate c)
        {
            var span = text.AsSpan(c.Start, c.Length).TrimEnd(SpanFeatures.Closers);
            return span.Length > 1 && span[^1] == noun;
        }

        return Ends(best) ? best : NearestThat(best, scored, Ends);
    }

    /// <summary>The noun of "what N" when it is one character and closes the question (…召开了什么会？), else null.</summary>
    internal static char? OneCharacterNounAsked(QuestionAnalysis q)
    {
        var text = q.Normalized;
        int end = q.WhStart + q.WhLength;
        if (q.WhStart < 0 || !text.AsSpan(q.WhStart, q.WhLength).EndsWith("什么", StringComparison.Ordinal) || end >= text.Length || !Text.TextSpans.IsHan(text[end]))
        {
            return null;
        }

        int rest = end + 1;
        while (rest < text.Length && (char.IsPunctuation(text[rest]) || char.IsWhiteSpace(text[rest]) || text[rest] is '呢' or '吗' or '啊' or '呀'))
        {
            rest++;
        }

        // Not a particle or a word of manner or time (什么样, 什么时), nor 人 (什么人 asks who or what kind of person).
        // Closing the question, N is no verb, whatever CC-CEDICT's glosses (会: "can", "to meet"; here a meeting).
        char noun = text[end];
        return rest < text.Length || "的了是样时事人用么".Contains(noun) ? null : noun;
    }

    /// <summary>
    /// Not a person's name: a span that ends like an administrative area (省, 市, 县, 区), is a time (any figure
    /// in it, or <see cref="IsTimeWord"/>), or runs past two characters and opens with a word CC-CEDICT glosses
    /// mostly as a verb. Only those four endings: given names end in 山, 海, 河, 国 as often as places do (张清海).
    /// Two-character spans are left alone: a verb-like given name (张建国's 建国) is a whole name. A name may end
    /// in 年 (赵永年), so 年 alone does not make a time.
    /// </summary>
    private static bool NotAPerson(string value) =>
        AdministrativeArea().IsMatch(value) || (value.Length > 2 && Text.Synonyms.Shared.IsVerb(value[..2]))
        || value.Any(char.IsAsciiDigit) || IsTimeWord(value);

    /// <summary>
    /// A dated span, no place: a year, a month or a day printed in figures (1931年), or a time
    /// (<see cref="IsTimeWord"/>). An address may hold other figures (爱秩序湾道11号, 537公里处).
    /// </summary>
    private static bool IsDated(string value) => DatedFigure().IsMatch(value) || IsTimeWord(value);

    /// <summary>A whole date as the extractor reads one, or a span that ends in a word for a period or a point in time (时期, 后来).</summary>
    private static bool IsTimeWord(string value) => TimeEnd().IsMatch(value) || AnswerExtractor.IsDate(value);

    [System.Text.RegularExpressions.GeneratedRegex("(省|市|县|区)$")]
    private static partial System.Text.RegularExpressions.Regex AdministrativeArea();

    [System.Text.RegularExpressions.GeneratedRegex("(时期|年代|世纪|时候|期间|年间|之后|以后|之前|以前|从此|后来|当时)$")]
    private static partial System.Text.RegularExpressions.Regex TimeEnd();

    [System.Text.RegularExpressions.GeneratedRegex(@"\d+\s*(年|月|日)")]
    private static partial System.Text.RegularExpressions.Regex DatedFigure();

    /// <summary>
    /// A question that names a unit of time or a date anywhere (多少年, 几个月, 多少天, 几岁, 几点, 2010年的人口): its
    /// figure may be printed as one, so "how many" is not kept from a dated span there.
    /// </summary>
    [System.Text.RegularExpressions.GeneratedRegex("[年月日天号岁时周代期届]")]
    private static partial System.Text.RegularExpressions.Regex NamesATime();

    /// <summary>在哪一个世纪, 在哪个时期: a "where" that asks for a period, which the analyzer reads as a place.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("哪[一几]?[个]?(世纪|时期|年代|朝代|朝|时代|时候)")]
    private static partial System.Text.RegularExpressions.Regex AsksAPeriod();

    /// <summary>
    /// "Who holds the title" is answered with the name printed after that title (<see cref="TitleHolders"/>):
    /// 广东省长叫什么名字 → 马兴瑞 from 省长马兴瑞, where the ranker preferred 张庆伟, who leads the sentence.
    /// When the best span does not start right after a printing of the title asked, the best-scored
    /// candidate that does, and reads as a name, is taken: within <see cref="AlternativeMargin"/> of the
    /// best first, then at any score unless the best span itself starts where a holder is printed. The
    /// starts are where the passage prints a name after the title asked (<see cref="TitleHolders.In"/>,
    /// found once per passage); empty when no title is asked.
    /// </summary>
    private static SpanCandidate? HolderOfTitle(string text, SpanCandidate? best, IReadOnlyList<(SpanCandidate Candidate, double Score)> scored, IReadOnlyList<int> starts)
    {
        if (best is null || scored.Count == 0 || starts.Count == 0)
        {
            return best;
        }

        bool Holder(SpanCandidate c) => TitleHolders.IsHolder(text.Substring(c.Start, c.Length), c.Start, starts);

        // Names are two or three characters far more often than four: 张庆伟率 (张庆伟 leads) gives way to
        // 张庆伟, the longest shorter name the ranker scores within a name's margin (not 张庆); 安倍晋三,
        // scored well above 安倍晋, stays.
        SpanCandidate Shortest(SpanCandidate c, double score) =>
            c.Length < 4 ? c : scored.Where(x => x.Candidate.Start == c.Start && x.Candidate.Length < c.Length && score - x.Score <= NameMargin && Holder(x.Candidate))
                .OrderByDescending(x => x.Candidate.Length).Select(x => x.Candidate).FirstOrDefault() ?? c;

        // The best-scored holder, within the ranker's margin; beyond it too, unless the best span already
        // starts where the title's holder is printed (巴拉克·歐巴馬, a name with a middle dot): the title printed
        // with the province asked and a name right after it says who holds it more surely than the ranker,
        // which prefers whoever leads the sentence (广东省委书记是谁: 省委书记张庆伟率…与广东省委书记李希 → 李希).
        var holder = scored.FirstOrDefault(x => Holder(x.Candidate));
        if (holder.Candidate is null || (holder.Score < scored[0].Score - AlternativeMargin && starts.Contains(best.Start)))
        {
            // The best span starts where the holder is printed and runs on past the name and a mark (李希、省长马兴瑞
            // 共同召开…, a clause that opens on him): the name it opens with answers, at whatever score. Not across
            // the dot inside a transliterated name (巴拉克·歐巴馬).
            bool EndsAtAMark(SpanCandidate c) => c.Start + c.Length < text.Length && char.IsPunctuation(text[c.Start + c.Length]) && !Text.TextSpans.IsNameDot(text[c.Start + c.Length]) && text[c.Start + c.Length] is not ('．' or '-');
            var opening = Holder(best) ? default : scored.Where(x => x.Candidate.Start == best.Start && x.Candidate.Length < best.Length && Holder(x.Candidate) && EndsAtAMark(x.Candidate)).OrderByDescending(x => x.Score).FirstOrDefault();
            return opening.Candidate is null ? best : Shortest(opening.Candidate, opening.Score);
        }

        return Shortest(holder.Candidate, holder.Score);
    }

    /// <summary>
    /// "When" is answered with the date of the clause that states what is asked. Chinese news leads a
    /// clause with its date (2019年5月9日,深圳、哈尔滨两市签订了《…协议》,9月1日,深哈产业园…奠基动工), so each date
    /// printed in a sentence owns the text from it to the next date; what comes before the first is the
    /// subject they share (茨万吉拉伊曾于2002年…被击败，2008年再度参选). When the ranker's
    /// best date owns less of the question's weight (<paramref name="weights"/>, its words as printed or by a
    /// synonym) than another date candidate it scores within <see cref="AlternativeMargin"/>, that date is taken:
    /// 两市啥时候签的共建产业园协议 → 2019年5月9日, not 9月1日, which is printed nearer 产业园.
    /// </summary>
    private static SpanCandidate? DateOfTheClause(QuestionAnalysis q, PreparedPassage passage, SpanCandidate? best, IReadOnlyList<(SpanCandidate Candidate, double Score)> scored, IReadOnlyDictionary<string, double> weights)
    {
        if (q.Kind != AnswerKind.Date || best is null || scored.Count == 0)
        {
            return best;
        }

        // The sentence the best date is printed in, and the dates printed in it.
        var text = passage.Folded;
        var sentence = passage.SentenceAt(best.Start);
        int from = sentence.Start, to = sentence.Start + sentence.Text.Length;

        var dates = AnswerExtractor.DateExpression().Matches(text[from..to]).Select(m => (Start: from + m.Index, End: from + m.Index + m.Length)).ToList();
        if (dates.Count < 2)
        {
            return best;
        }

        int Owner(SpanCandidate c) => dates.FindIndex(d => d.Start <= c.Start && c.Start + c.Length <= d.End && c.Length * 2 >= d.End - d.Start);
        // A range (1924年至1926年担任…) is one date: both ends own its clause.
        bool Ranged(int i) => i + 1 < dates.Count && dates[i + 1].Start - dates[i].End <= 1
            && (dates[i + 1].Start == dates[i].End || "至到-~—－～".Contains(text[dates[i].End]));
        double Owned(int i)
        {
            while (i > 0 && Ranged(i - 1))
            {
                i--;
            }

            int next = i;
            while (Ranged(next))
            {
                next++;
            }

            var clause = text[dates[i].Start..(next == dates.Count - 1 ? to : dates[next + 1].Start)];
            return weights.Where(w => Text.Synonyms.Shared.FoundIn(w.Key, clause)).Sum(w => w.Value);
        }

        int mine = Owner(best);
        if (mine < 0)
        {
            return best;
        }

        // The date owning the most, and of those the one the ranker scores best.
        bool yearAsked = q.WhStart >= 0 && q.Normalized.AsSpan(q.WhStart, q.WhLength).Contains('年');
        double top = scored[0].Score, most = Owned(mine);
        var pick = best;
        foreach (var (candidate, score) in scored)
        {
            if (score < top - AlternativeMargin)
            {
                break;
            }

            if (Owner(candidate) is var other && other >= 0 && other != mine && Owned(other) is var owned && owned > most)
            {
                // The whole date as printed, where the ranker scored part of it best (2019年 of 2019年5月9日),
                // unless the question asks for the year alone (何年, 哪一年: 1988年 of 1988年6月1日).
                var whole = yearAsked ? null : scored.Select(x => x.Candidate).FirstOrDefault(c => c.Start == dates[other].Start && c.Length == dates[other].End - dates[other].Start);
                (pick, most) = (whole ?? candidate, owned);
            }
        }

        return pick;
    }

    /// <summary>
    /// "Who" is answered with a name, not the clause it opens (广东省省长是谁 → 马兴瑞, not 马兴瑞先后两次带队赴我省;
    /// 谁率…代表团 → 张庆伟, not 张庆伟率): when the best span runs past a name's length into a clause or the
    /// question's next word, and the ranker scores its first two to four characters, a candidate of their
    /// own, nearly as well (or all that follows them is the question's next word), those are the answer.
    /// </summary>
    private static SpanCandidate? NameNotClause(QuestionAnalysis q, string text, SpanCandidate? best, IReadOnlyList<(SpanCandidate Candidate, double Score)> scored)
    {
        if (q.Kind != AnswerKind.Person || best is null || best.Length <= 3 || scored.Count == 0)
        {
            return best;
        }

        // What follows the name must be a clause (four characters or more of Chinese: 先后两次带队赴我省) or
        // the question's own next word (谁率 → 率), not the rest of a longer name (菲利普|瓦特, 高桥俊|昌, 罗伯特|·巴乔).
        var after = q.Right.TrimStart();
        var echo = q.Keywords.FirstOrDefault(k => after.StartsWith(k, StringComparison.Ordinal));
        string Rest(SpanCandidate name) => text.Substring(name.Start + name.Length, best.Start + best.Length - name.Start - name.Length);
        bool Clause(SpanCandidate name)
        {
            var rest = Rest(name);
            return (rest.Length >= 4 && rest.All(Text.TextSpans.IsHan)) || (echo is not null && rest.StartsWith(echo, StringComparison.Ordinal));
        }

        // When all that follows the name is the question's own verb (谁率 → 张庆伟|率), the question
        // itself parts them, whatever the ranker's margin; a longer clause needs the ranker's word for it.
        bool JustTheVerb(SpanCandidate name) => echo is not null && Rest(name) == echo;

        double top = scored.Where(x => x.Candidate == best).Select(x => x.Score).DefaultIfEmpty(scored[0].Score).First();
        return scored
            .Where(x => x.Candidate.Start == best.Start && x.Candidate.Length is >= 2 and <= 4 && x.Candidate.Length < best.Length
                && (top - x.Score <= NameMargin || JustTheVerb(x.Candidate)) && text.AsSpan(x.Candidate.Start, x.Candidate.Length).ToString().All(Text.TextSpans.IsHan)
                && "所的之被将等和与".IndexOf(text[x.Candidate.Start + x.Candidate.Length - 1]) < 0 && Clause(x.Candidate))
            .OrderByDescending(x => x.Score)
            .Select(x => x.Candidate)
            .FirstOrDefault() ?? best;
    }

    /// <summary>
    /// "Who did it" (是谁建的, 由谁发明, 是哪家公司生产的) asks the agent of the question's verb: a name the
    /// page prints between 由 (or 被) and that verb (由欧内斯特·索尔维发明, 由郑连昌所建; or a dictionary word
    /// holding it: 建 → 兴建), or at the head of a clause of the sentence that prints it (中国一重为黄埔造船厂
    /// 量身定做…), taken over a best span that is neither if the ranker scores it near enough.
    /// </summary>
    private static SpanCandidate? AgentOfTheVerb(QuestionAnalysis q, string text, SpanCandidate? best, IReadOnlyList<(SpanCandidate Candidate, double Score)> scored)
    {
        if (best is null || scored.Count == 0 || q.WhStart < 0 || q.Kind is not (AnswerKind.Person or AnswerKind.Organization) || q.Keywords.Count == 0)
        {
            return best;
        }

        // 与谁联合 asks a partner, not the agent.
        if (q.LeadIn.Length > 0 && q.LeadIn[^1] is '与' or '和' or '跟' or '同')
        {
            return best;
        }

        var verb = q.Keywords[^1];
        var after = q.LeadOut.TrimStart('所');
        if (!after.StartsWith(verb, StringComparison.Ordinal) || after.Length > verb.Length + 2 || !Text.Synonyms.Shared.IsVerb(verb))
        {
            return best;
        }

        bool VerbAt(int at)
        {
            if (string.CompareOrdinal(text, at, verb, 0, verb.Length) == 0)
            {
                return true;
            }

            return verb.Length == 1 && at + 2 <= text.Length && text.AsSpan(at, 2).Contains(verb[0]) && WordWeights.Shared.Knows(text.Substring(at, 2));
        }

        bool Agent(SpanCandidate c)
        {
            int end = c.Start + c.Length;
            var value = text.AsSpan(c.Start, c.Length);
            if (c.Length < 2 || value.IndexOfAny("，,。；;、的") >= 0 || "由于在是被将和与从".Contains(value[0]) || Measures.HasFigure(value[..1].ToString()))
            {
                return false;
            }

            int at = end < text.Length && text[end] == '所' ? end + 1 : end;
            if (c.Start > 0 && text[c.Start - 1] is '由' or '被' && VerbAt(at))
            {
                return true;
            }

            // The head of the sentence or clause whose sentence prints the verb.
            bool head = c.Start == 0 || "，,。；;！？!?".Contains(text[c.Start - 1]);
            if (!head)
            {
                return false;
            }

            int clauseEnd = text.IndexOfAny(['。', '；', ';', '！', '？'], end);
            for (int i = end; i < (clauseEnd < 0 ? text.Length : clauseEnd); i++)
            {
                if (VerbAt(i))
                {
                    return true;
                }
            }

            return false;
        }

        // A candidate around the best span or inside it (国王[亚历山大一世]) is the same agent, the ranker's
        // bounds the better.
        bool Other(SpanCandidate c) => c.Start >= best.Start + best.Length || best.Start >= c.Start + c.Length;
        return Agent(best) ? best : NearestThat(best, scored, c => Other(c) && Agent(c));
    }

    private static readonly char[] Directions = ['到', '至', '往', '去', '进', '入'];

    /// <summary>
    /// "What did they build" (两边为了运农产品一块儿建了个啥) asks the object of the question's last verb: when
    /// the question ends with its question word, the best candidate printed right after that verb (or a
    /// word it opens: 建 → 建设) is taken over a best span that is not, if the ranker scores it near enough.
    /// </summary>
    private static SpanCandidate? ObjectOfTheVerb(QuestionAnalysis q, string text, SpanCandidate? best, IReadOnlyList<(SpanCandidate Candidate, double Score)> scored)
    {
        if (best is null || scored.Count == 0 || q.WhStart < 0 || q.LeadOut.Length > 0 || q.Kind is not (AnswerKind.Entity or AnswerKind.Place) || q.LeadIn.Length == 0)
        {
            return best;
        }

        // The verb is the question's last keyword, right before its question word (建, 发明); "where to"
        // puts a direction between them (搬到哪里, 迁往何处), which the page may print otherwise (搬迁至).
        var verb = q.Keywords.Count == 0 ? "" : q.Keywords[^1];
        var leadIn = q.Kind == AnswerKind.Place ? q.LeadIn.TrimEnd('了').TrimEnd(Directions) : q.LeadIn;
        bool noDirection = q.Kind == AnswerKind.Place && leadIn.Length == q.LeadIn.Length;

        // "Where did they go" (先去了哪儿, 到了哪里): the direction is the verb itself, so the place is the one the
        // page prints after any verb of going (前往深圳, 赴广东, 到哈尔滨).
        bool going = q.Kind == AnswerKind.Place && !noDirection && q.LeadIn.TrimEnd('了') is var asked && asked.Length == leadIn.Length + 1
            && asked[^1] is '去' or '到' && !(leadIn.EndsWith(verb, StringComparison.Ordinal) && Text.Synonyms.Shared.IsVerb(verb));

        // A verb with its result (转化成了什么, 改编为什么): the object follows the result, which the page may print
        // as 成 or as 为 (转化为丙二醇).
        bool resultative = false;
        if (q.Kind == AnswerKind.Entity && leadIn.TrimEnd('了') is { Length: > 1 } bare && bare[^1] is '成' or '为')
        {
            // The analyser may keep the result as the last keyword (转化|成): the verb is the one before it.
            var head = verb.Length == 1 && verb[0] == bare[^1] && q.Keywords.Count >= 2 ? q.Keywords[^2] : verb;
            if (head.Length > 0 && bare[..^1].EndsWith(head, StringComparison.Ordinal))
            {
                (verb, leadIn, resultative) = (head, bare[..^1], true);
            }
        }

        if (!going && (verb.Length == 0 || noDirection || !leadIn.EndsWith(verb, StringComparison.Ordinal) || !Text.Synonyms.Shared.IsVerb(verb)))
        {
            return best;
        }

        // Printed as asked, or as a dictionary word it opens (建 → 建设); the object does not open on a
        // preposition or particle (归于虚骨龙类 is not 归's object). A place is the one the page prints after
        // a direction (搬迁至肇东市).
        bool AfterTheVerb(SpanCandidate c)
        {
            int at = c.Start;
            if (q.Kind == AnswerKind.Place)
            {
                if (at == 0 || !(Directions.Contains(text[at - 1]) || (going && text[at - 1] == '赴')))
                {
                    return false;
                }

                at--;
            }

            if ((!going && at < verb.Length) || "于在的了着过为是与和从".Contains(text[c.Start], StringComparison.Ordinal))
            {
                return false;
            }

            if (going)
            {
                return true;
            }

            // An aspect particle may stand between the verb and its object (确定了两省对口合作目标方向).
            if (q.Kind != AnswerKind.Place && at > verb.Length && text[at - 1] is '了' or '过' or '着')
            {
                at--;
            }

            if (resultative && at > verb.Length && text[at - 1] is '成' or '为')
            {
                at--;
            }

            if (string.CompareOrdinal(text, at - verb.Length, verb, 0, verb.Length) == 0)
            {
                return true;
            }

            return at >= 2 && WordWeights.Shared.OpensWord(text, at - 2, verb);
        }

        return AfterTheVerb(best) ? best : NearestThat(best, scored, AfterTheVerb);
    }

    /// <summary>
    /// A compound is answered whole where the question's own words frame it: for 我省哪个行业的最高水平,
    /// the passage's 我省装备制造业的最高水平 puts 装备制造业, not its tail 制造业, between the words the question
    /// puts around its question word. When the best span lacks two of the question's characters on
    /// either side and a candidate that extends it by one to four Chinese characters holding no particle,
    /// preposition, copula, conjunction or classifier (a modifier, not a phrase; one character, not a
    /// locative) has them on both, that candidate is taken, if the ranker scores it near enough. A 的 the
    /// passage prints before the question's words that follow (敢闯敢试的开拓精神 for 哪种开拓精神) does not break
    /// the frame. Measured: the same for any candidate, not only an extension, lost on CMRC 2018 dev
    /// (EM 33.5 → 33.0).
    /// </summary>
    private static SpanCandidate? FramedByTheQuestion(QuestionAnalysis q, string text, SpanCandidate? best, IReadOnlyList<(SpanCandidate Candidate, double Score)> scored)
    {
        if (best is null || scored.Count == 0 || q.WhStart < 0)
        {
            return best;
        }

        // After 哪个 comes the noun asked for (行业), and the question's frame resumes after it.
        var after = q.LeadOut;
        if (SpanFeatures.TypeNounOf(q, q.Keywords) is { Length: > 0 } noun && after.StartsWith(noun, StringComparison.Ordinal))
        {
            after = after[noun.Length..];
        }

        var before = q.LeadIn;
        bool Framed(SpanCandidate c)
        {
            int left = 0, right = 0;
            while (left < before.Length && c.Start - left - 1 >= 0 && text[c.Start - left - 1] == before[before.Length - 1 - left])
            {
                left++;
            }

            // A 的 the passage puts between the answer and the noun asked (敢闯敢试的开拓精神 for 哪种开拓精神) is no break.
            int end = c.Start + c.Length;
            if (end < text.Length && text[end] == '的' && (after.Length == 0 || after[0] != '的'))
            {
                end++;
            }

            while (right < after.Length && end + right < text.Length && text[end + right] == after[right])
            {
                right++;
            }

            return left >= 2 && right >= 2;
        }

        if (Framed(best))
        {
            return best;
        }

        return NearestThat(best, scored, c =>
        {
            if (c.Start > best.Start || c.Start + c.Length < best.Start + best.Length || c.Length == best.Length || !Framed(c))
            {
                return false;
            }

            var added = text.Substring(c.Start, best.Start - c.Start) + text.Substring(best.Start + best.Length, c.Start + c.Length - best.Start - best.Length);
            // One character more (敢 of 敢闯敢试) is a modifier's, not a locative (同盟国中).
            return added.Length is >= 1 and <= 4 && added.All(Text.TextSpans.IsHan) && !(added.Length == 1 && WholePhrase.Locatives.Contains(added[0])) && added.AsSpan().IndexOfAny(FunctionCharacters) < 0;
        });
    }

    /// <summary>Particles, prepositions, copulas, conjunctions and classifiers: a word holding one is not a modifier of the noun.</summary>
    private static readonly System.Buffers.SearchValues<char> FunctionCharacters = System.Buffers.SearchValues.Create("的地得了着过在是则自起有来于从向到以为把被将等和与及或并而个种");

    /// <summary>How far below the best span a name at its start may score and still be the answer to "who".</summary>
    private const double NameMargin = 1.0;

    /// <summary>
    /// "How much/how long" is not answered with an indefinite article: 一个, 一种, 一只 before a noun
    /// (是一个…, 为一种…) count nothing. When the best span is one, and the question does not count in
    /// that very classifier (有几个儿子 → 一个), the best of the next few that is not is taken instead, if
    /// the ranker scores it near enough.
    /// </summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^[一1](个|种|只|位|名|项|次|家|条|座|部|本|批|套|件|处|类|支|所|头|张)(?!半)\p{IsCJKUnifiedIdeographs}{0,2}$")]
    private static partial System.Text.RegularExpressions.Regex IndefiniteArticle();

    private static SpanCandidate? CountNotArticle(QuestionAnalysis q, string text, SpanCandidate? best, IReadOnlyList<(SpanCandidate Candidate, double Score)> scored)
    {
        if (q.Kind != AnswerKind.Quantity || best is null || scored.Count == 0
            || IndefiniteArticle().Match(text.Substring(best.Start, best.Length)) is not { Success: true } article
            || (q.Unit is { } unit && unit.EndsWith(article.Groups[1].Value, StringComparison.Ordinal)))
        {
            return best;
        }

        return NearestThat(best, scored, c =>
            !IndefiniteArticle().IsMatch(text.Substring(c.Start, c.Length)) && text.AsSpan(c.Start, c.Length).ContainsAny("0123456789一二三四五六七八九十百千万两"));
    }

    /// <summary>
    /// Words that link or point and name nothing: discourse connectives (因此, 此外, 虽然), adverbs (也, 同时)
    /// and pronouns (他们, 该). A span that is one of them alone answers nothing.
    /// </summary>
    private static readonly HashSet<string> Connectives = new(StringComparer.Ordinal)
    {
        "此外", "同时", "因此", "但是", "然而", "而且", "另外", "其中", "当中", "虽然", "所以", "于是", "不过", "并且", "此时", "随后",
        "之后", "以后", "其后", "后来", "最后", "首先", "其次", "例如", "比如", "也", "还", "又", "都", "皆", "亦", "则", "即", "便",
        "就", "曾", "曾经", "已经", "一直", "仍然", "依然", "此", "该", "其", "这", "那", "他", "她", "它", "他们", "她们", "它们",
    };

    /// <summary>
    /// The answer is never a bare connective, adverb or pronoun (因此, 此外, 他们; 16 CMRC dev and DRCD answers were,
    /// none right): the best-scored candidate that is not one is taken instead, at any score. Measured: 7 answers
    /// changed, 6 closer (后来 → 后来取郊外黄色 for 阿马里洛是根据什么来改名的), none worse.
    /// </summary>
    private static SpanCandidate? NotAConnective(string text, SpanCandidate? best, IReadOnlyList<(SpanCandidate Candidate, double Score)> scored)
    {
        if (best is null || !Connectives.Contains(text.Substring(best.Start, best.Length)))
        {
            return best;
        }

        return scored.Select(x => x.Candidate).FirstOrDefault(c => !Connectives.Contains(text.Substring(c.Start, c.Length))) ?? best;
    }

    /// <summary>
    /// "How much" is answered with the figure printed for what the question measures (<see cref="MeasuredNoun"/>):
    /// 溪银汉鱼的体长是多少 → 10公分 from 体长可达10公分, not 一种 from the sentence that names the fish's family, which
    /// the ranker prefers for holding the fish's name. When the best span's sentence never prints the noun
    /// measured, the best-scored candidate that starts the figure printed right after it is taken, at any
    /// score; when the best span holds that figure with words around it (水深12至, 可达22.4公分), the figure is
    /// taken. Either way with its range and unit where the ranker scored the whole figure too (2至23公尺).
    /// Measured and dropped: the figure after the noun taken over any best span that is not one, whose sentence
    /// names the noun too (两省对口合作的总签约额 → 5000亿元 from a rounded 近5000亿元; dev 30 → 28/30).
    /// </summary>
    private static SpanCandidate? MeasuredFigure(QuestionAnalysis q, PreparedPassage passage, SpanCandidate? best, IReadOnlyList<(SpanCandidate Candidate, double Score)> scored)
    {
        if (best is null || scored.Count == 0 || MeasuredNoun.Of(q) is not { } noun)
        {
            return best;
        }

        var text = passage.Folded;
        if (MeasuredNoun.FigureEnd(text, best.Start, noun) >= 0)
        {
            return best;
        }

        // The best span's sentence names the noun: only a figure inside the best span is taken.
        bool inside = passage.SentenceAt(best.Start).Text.Contains(noun, StringComparison.Ordinal);
        foreach (var (candidate, _) in scored)
        {
            int end = MeasuredNoun.FigureEnd(text, candidate.Start, noun);
            if (end < 0 || (inside && !(candidate.Start > best.Start && candidate.Start < best.Start + best.Length)))
            {
                continue;
            }

            return scored.Select(x => x.Candidate).FirstOrDefault(c => c.Start == candidate.Start && c.Start + c.Length == end) ?? candidate;
        }

        return best;
    }

    /// <summary>
    /// Which one of a kind is answered with its name, not its kind: Chinese puts the kind before the name
    /// it qualifies (国内单机容量最大的抽水蓄能机组阳江机组), so where the best span ends with the noun asked for
    /// (哪个机组 → 抽水蓄能机组) and right after it the passage prints another phrase of that noun, of Chinese
    /// characters only, which the ranker scores near enough (<see cref="NearestThat"/>), that is the name. So is a
    /// quoted name printed right after the noun asked (哪部电视剧 → 《波丽士大人》 of 电视剧《波丽士大人》), wherever the best span is.
    /// </summary>
    private static SpanCandidate? NameAfterKind(QuestionAnalysis q, string text, SpanCandidate? best, IReadOnlyList<(SpanCandidate Candidate, double Score)> scored)
    {
        if (best is null || scored.Count == 0 || q.Kind is not (AnswerKind.Entity or AnswerKind.Organization or AnswerKind.Place)
            || SpanFeatures.TypeNounOf(q, q.Keywords) is not { Length: >= 2 } noun)
        {
            return best;
        }

        if (!text.AsSpan(best.Start, best.Length).EndsWith(noun, StringComparison.Ordinal))
        {
            // The best span is elsewhere (主演王小棣导演), but the passage prints the kind asked with a quoted
            // name right after it (电视剧《波丽士大人》): that name, if the ranker scores it near enough.
            return IsQuotedName(text, best) ? best : NearestThat(best, scored, c =>
                c.Start >= noun.Length && text.AsSpan(c.Start - noun.Length, noun.Length).SequenceEqual(noun) && IsQuotedName(text, c));
        }

        return NearestThat(best, scored, c => c.Start == best.Start + best.Length
            && ((c.Length > noun.Length && c.Length <= 8 && text.AsSpan(c.Start, c.Length).EndsWith(noun, StringComparison.Ordinal) && text.AsSpan(c.Start, c.Length).ToString().All(Text.TextSpans.IsHan))
                || IsQuotedName(text, c)));
    }

    /// <summary>
    /// A list is answered whole. Where the best span is one item of a list the passage prints (高氏前肛鳗以什么为食 →
    /// 软体动物, of 以小型鱼类、甲壳类及软体动物为食), the best candidate that holds it and the items around it is taken, if the
    /// rankers score it near enough (<see cref="AlternativeMargin"/>; any candidate, not only the next few, as a long
    /// list ranks low). A question that asks for one (哪个, 哪位, 有一个, 第几, 谁) keeps its item: 广东的孵化器里有一个在佳木斯的叫什么
    /// names one of several. The list must run through an enumeration comma (、); 和, 及, 与 and 或 alone join as much
    /// else as lists (measured: CMRC dev 61 changed, 15 worse; DRCD 13 of 29 worse). The list's edge items must be
    /// whole: two characters at least, and no shorter than the shortest item between them, since a candidate
    /// ends on a SmartCn word, and 德大铁路、大 or …菟原郡、八部 end inside the next name.
    /// </summary>
    private static SpanCandidate? WholeList(QuestionAnalysis q, string text, SpanCandidate? best, IReadOnlyList<(SpanCandidate Candidate, double Score)> scored)
    {
        if (best is null || scored.Count == 0 || AsksForOne().IsMatch(q.Normalized))
        {
            return best;
        }

        int end = best.Start + best.Length;
        bool inList = (end < text.Length && text[end] == '、')
            || (best.Start > 0 && text[best.Start - 1] == '、')
            || (best.Start > 0 && ListJoiners.Contains(text[best.Start - 1]) && EnumeratedBefore(text, best.Start - 1));
        if (!inList)
        {
            return best;
        }

        bool WholeListOf(SpanCandidate c)
        {
            int ce = c.Start + c.Length;
            bool holds = c.Length > best.Length && c.Start <= best.Start && ce >= end;
            bool edges = holds && !(ce < text.Length && text[ce] == '、') && !(c.Start > 0 && text[c.Start - 1] == '、')
                && !ListJoiners.Contains(text[ce - 1]) && !ListJoiners.Contains(text[c.Start]);
            if (!edges)
            {
                return false;
            }

            var list = text.Substring(c.Start, c.Length);
            bool addsItems = text.AsSpan(c.Start, best.Start - c.Start).IndexOfAny(ListMarks) >= 0 || text.AsSpan(end, ce - end).IndexOfAny(ListMarks) >= 0;
            return addsItems && list.Contains('、') && WholeEdgeItems(list, extendsLeft: c.Start < best.Start, extendsRight: ce > end);
        }

        return AnyNearThat(scored, WholeListOf) ?? best;
    }

    /// <summary>
    /// "Who" is answered with the name, not the title, trade or time printed before it (岭南武术宗师黄飞鸿 → 黄飞鸿,
    /// 银行家约翰·菲利普斯, 宋代姚铉, 师从苏桐): where a candidate that ends where the best span ends reads as a person's
    /// name (jieba's dictionary says so, its character tagger finds it name-like, or it is a dotted transliteration) and
    /// the rankers score it near enough (<see cref="AlternativeMargin"/>), it is taken, if what it leaves out ends in a
    /// dictionary word of two characters or more of a common class (a noun, a time, a verb, a function word) and the name
    /// does not start inside a word (殖民|者). A one-character lead is kept: 清太祖努尔哈赤, 孝定太后李氏, and the first
    /// syllables of transliterations (拉|尔夫·本奇) read as words of their own (measured: with one-character leads CMRC
    /// dev lost 31 answers and gained 18).
    /// </summary>
    private static SpanCandidate? NameAfterDescriptor(QuestionAnalysis q, string text, SpanCandidate? best, IReadOnlyList<(SpanCandidate Candidate, double Score)> scored)
    {
        if (best is null || scored.Count == 0 || q.Kind != AnswerKind.Person)
        {
            return best;
        }

        int end = best.Start + best.Length;
        bool NameOnly(SpanCandidate c)
        {
            if (c.Start <= best.Start || c.Start + c.Length != end || c.Length < 2)
            {
                return false;
            }

            var name = text.AsSpan(c.Start, c.Length);
            var descriptor = text.AsSpan(best.Start, c.Start - best.Start).TrimEnd();
            // A descriptor ends in a Chinese word; a name's first part ends in its dot (雷蒙·) or in Latin letters.
            if (descriptor.Length == 0 || !Text.TextSpans.IsHan(descriptor[^1]))
            {
                return false;
            }

            bool nameLike = PartsOfSpeech.Shared.Of(name) == WordClass.Person || PartsOfSpeech.Shared.NameShape(name) > 0
                || name[1..].IndexOfAny(Text.TextSpans.NameDots) >= 0 || char.IsAsciiLetterUpper(name[0]);
            if (!nameLike)
            {
                return false;
            }

            // The descriptor's last word, by the dictionary: a title, a trade, a time or a preposition, not a name's first part.
            WordClass last = WordClass.Unknown;
            for (int n = Math.Min(4, descriptor.Length); n >= 2 && last == WordClass.Unknown; n--)
            {
                last = PartsOfSpeech.Shared.Of(descriptor[^n..]);
            }

            // Nor where the name's first character closes a word the descriptor opens (殖民|者埃尔南…).
            for (int n = 1; n <= Math.Min(3, descriptor.Length); n++)
            {
                if (PartsOfSpeech.Shared.Of(string.Concat(descriptor[^n..], name[..1])) != WordClass.Unknown)
                {
                    return false;
                }
            }

            return last is WordClass.Noun or WordClass.Time or WordClass.Function or WordClass.Verb;
        }

        return AnyNearThat(scored, NameOnly) ?? best;
    }

    /// <summary>
    /// The best candidate within <see cref="AlternativeMargin"/> of the rankers' top that <paramref name="fits"/>, at any
    /// rank (unlike <see cref="NearestThat"/>'s next few: a whole list, or a name inside the best span, can rank far
    /// down, close in score); null when none.
    /// </summary>
    private static SpanCandidate? AnyNearThat(IReadOnlyList<(SpanCandidate Candidate, double Score)> scored, Func<SpanCandidate, bool> fits)
    {
        double top = scored[0].Score;
        foreach (var (candidate, score) in scored)
        {
            if (score < top - AlternativeMargin)
            {
                break;
            }

            if (fits(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>What joins a list's last item: 小型鱼类、甲壳类及软体动物.</summary>
    private const string ListJoiners = "和及与或";

    /// <summary>What separates a list's items.</summary>
    private static readonly char[] ListMarks = ['、', '和', '及', '与', '或'];

    /// <summary>Whether an enumeration comma stands before <paramref name="at"/> in the same clause (…甲壳类[及]软体动物).</summary>
    private static bool EnumeratedBefore(string text, int at)
    {
        for (int i = at - 1; i >= 0 && at - i <= MaxListReach; i--)
        {
            if (text[i] == '、')
            {
                return true;
            }

            if (Text.TextSpans.EndsClause(text[i]))
            {
                return false;
            }
        }

        return false;
    }

    private const int MaxListReach = 30;

    /// <summary>
    /// The items at the edges the list was extended to are whole: two characters at least and, in a list of three
    /// or more, no shorter than the shortest item between them.
    /// </summary>
    internal static bool WholeEdgeItems(string list, bool extendsLeft, bool extendsRight)
    {
        var items = list.Split(ListMarks, StringSplitOptions.RemoveEmptyEntries);
        if (items.Length < 2)
        {
            return true;
        }

        int shortest = items.Length == 2 ? 0 : items[1..^1].Min(i => i.Length);
        bool Whole(string item) => item.Length >= 2 && item.Length >= shortest;
        return (!extendsRight || Whole(items[^1])) && (!extendsLeft || Whole(items[0]));
    }

    /// <summary>A question that asks for one thing: 哪个, 哪一位, 有个, 一家, 第几, 谁.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("哪一?[个位家座所部本条名项种间只首张]|[有一]个|一[位家座所部本条名项种间只首张]|第几|谁")]
    private static partial System.Text.RegularExpressions.Regex AsksForOne();

    /// <summary>A title or name printed in its marks, whole (王小棣导演的电视剧《波丽士大人》: the series is 《波丽士大人》).</summary>
    private static bool IsQuotedName(string text, SpanCandidate c) =>
        c.Length > 2 && text[c.Start] is '《' or '「' or '“' or '『'
        && AnswerExtractor.BracketPairs.Contains((text[c.Start], text[c.Start + c.Length - 1]))
        && text.AsSpan(c.Start + 1, c.Length - 2).IndexOfAny("《》「」“”『』") < 0;

    /// <summary>
    /// "Where" asked of a thing the question names short of a place inside its printed name: the question says
    /// 广东黑龙江科技合作孵化基地在哪个市, the passage prints 广东黑龙江科技合作[双鸭山]孵化基地, so the place is the word the
    /// question's name leaves out. A candidate printed between two runs of at least two characters that the
    /// question prints one right after the other, before its question word, is taken when the rankers score it
    /// near enough (<see cref="NearestThat"/>).
    /// </summary>
    private static SpanCandidate? SlotInTheQuestionsName(QuestionAnalysis q, string text, SpanCandidate? best, IReadOnlyList<(SpanCandidate Candidate, double Score)> scored)
    {
        if (q.Kind != AnswerKind.Place || best is null || scored.Count == 0 || q.WhStart < 4 || AsksAPeriod().IsMatch(q.Normalized))
        {
            return best;
        }

        var named = q.Normalized[..q.WhStart];
        bool Slot(SpanCandidate c)
        {
            int end = c.Start + c.Length;
            if (c.Start < SlotEdge || end + SlotEdge > text.Length)
            {
                return false;
            }

            // A place's name, as jieba's dictionary classes it or as it ends (双鸭山; not 农杆菌[介导]的重组, 科[于]古新世晚期).
            var value = text.Substring(c.Start, c.Length);
            var joined = string.Concat(text.AsSpan(c.Start - SlotEdge, SlotEdge), text.AsSpan(end, SlotEdge));
            return joined.All(Text.TextSpans.IsHan) && value.All(Text.TextSpans.IsHan) && value.IndexOfAny(SlotBreaks) < 0
                && (PartsOfSpeech.Shared.Of(value) == WordClass.Place || AnswerExtractor.PlaceSuffix().IsMatch(value))
                && named.Contains(joined, StringComparison.Ordinal);
        }

        return Slot(best) ? best : NearestThat(best, scored, Slot);
    }

    /// <summary>How many characters of the question's name must stand on each side of the place it leaves out.</summary>
    private const int SlotEdge = 2;

    /// <summary>Particles and prepositions no place name holds.</summary>
    private static readonly char[] SlotBreaks = ['的', '于', '在', '和', '与', '及', '或', '是', '了'];

    /// <summary>
    /// The best of the next few candidates that <paramref name="fits"/>, when the ranker scores it within
    /// <see cref="AlternativeMargin"/> of the top; otherwise <paramref name="best"/> as it was.
    /// </summary>
    private static SpanCandidate NearestThat(SpanCandidate best, IReadOnlyList<(SpanCandidate Candidate, double Score)> scored, Func<SpanCandidate, bool> fits)
    {
        double top = scored[0].Score;
        foreach (var (candidate, score) in scored.Skip(1).Take(Alternatives))
        {
            if (score >= top - AlternativeMargin && fits(candidate))
            {
                return candidate;
            }
        }

        return best;
    }

    // How many of the next candidates a rule may take over the best. Ten, not five, since the rankers read the
    // question's bigrams (2026-11-30): they score a sentence's other phrases closer together, and the place after
    // 前往 for 先去了哪儿 came eighth within the margin (CMRC 7 answers changed, 3 better, 3 worse, F1 sum +2.3;
    // DRCD 1 worse; colloquial 1 better).
    private const int Alternatives = 10;

    private const double AlternativeMargin = 2.0;

    /// <summary>What the reader made of one passage.</summary>
    /// <param name="Best">The best span, or null when the passage has none.</param>
    /// <param name="Refusal">The answer/refuse model's score: above 0, the passage states the answer.</param>
    /// <param name="Scored">Every candidate with its score, best first.</param>
    /// <param name="Meaning">Which of the question's keywords the passage holds by meaning (the topic check reads it too).</param>
    internal sealed record PassageReading(SpanCandidate? Best, double Refusal, IReadOnlyList<(SpanCandidate Candidate, double Score)> Scored, MeaningMatch Meaning);

    /// <summary>
    /// The final ranking: the searcher's order, with the top <see cref="AnswerTuning.AnswerRerankDepth"/> re-ranked
    /// by how well they hold a short answer of the kind asked for (which can decide between passages
    /// that hold the question equally well). A fixed depth keeps the order the same however many
    /// passages are asked for, so 更多/more continues the list the first answer began.
    /// </summary>
    private List<(PassageHit Hit, AnswerSpan? Span, double Score)> Rank(QuestionAnalysis q, IReadOnlyDictionary<string, double> weights)
    {
        var hits = _searcher.Search(q, weights);
        double spanWeight = q.Kind is AnswerKind.Quantity or AnswerKind.Date ? _tuning.TypedAnswerWeight : _tuning.OtherAnswerWeight;
        var years = Reading.NamedYears.In(q.Normalized);
        double Time(PassageHit h) => years.Count > 0 && h.Passage.Published is { } p && years.Contains(p.Year) ? _tuning.PublishedYearBonus : 0;

        // Equal scores: the newest page first (an archive reports the same thing over the years), then print order.
        var ranked = hits.Take(_tuning.AnswerRerankDepth)
            .Select(h => (Hit: h, Span: AnswerExtractor.Extract(q, h.Prepared, weights)))
            .Select(x => (x.Hit, x.Span, Score: x.Hit.Score + (spanWeight * (x.Span?.Score ?? 0)) + Time(x.Hit)))
            .OrderByDescending(x => x.Score)
            .ThenByDescending(x => x.Hit.Passage.Published ?? DateOnly.MinValue)
            .ThenBy(x => x.Hit.Prepared.Ordinal)
            .ToList();
        ranked.AddRange(hits.Skip(ranked.Count).Select(h => (Hit: h, Span: (AnswerSpan?)null, h.Score)));
        return ranked;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _analyzer.Dispose();
        _index.Dispose();
    }
}
