using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoopBot.Editorial;

/// <summary>Where the store lives and how long it keeps what it logs.</summary>
/// <param name="Path">The database file.</param>
public sealed record EditorialStoreOptions(string Path)
{
    /// <summary>Questions and votes older than this many days are deleted; 0 keeps them for ever.</summary>
    public int RetentionDays { get; init; } = 90;

    /// <summary>The offset of the time zone days are counted in (the console's charts and filters). China Standard Time by default.</summary>
    public TimeSpan DayOffset { get; init; } = TimeSpan.FromHours(8);

    /// <summary>The JSON-lines vote file of earlier versions, imported once (then renamed <c>.imported</c>); null for none.</summary>
    public string? LegacyFeedbackFile { get; init; }

    /// <summary>Questions waiting to be written at most; beyond it new ones are dropped (and counted) rather than slow the chat.</summary>
    public int QueueCapacity { get; init; } = 10_000;
}

/// <summary>
/// The editors' log: every question and vote, and the aliases and changes editors make, in one
/// embedded SQLite database. One writer task owns all writes and commits them in batches (WAL,
/// <c>synchronous=FULL</c>), so a crash at any moment leaves every committed record whole and the
/// rest absent; readers use their own connections and never block it. Questions are queued and
/// never slow a chat turn; votes and editors' changes are awaited until committed. No user names
/// are stored, and conversation ids only as a keyed hash (the key is random per database).
/// </summary>
public sealed class EditorialStore : IDisposable
{
    /// <summary>The schema version this code writes (see <see cref="Migrations"/>).</summary>
    public const int SchemaVersion = 2;

    private const int MaxBatch = 512;

    /// <summary>How long the writer waits for more questions before committing the ones it has.</summary>
    private static readonly TimeSpan GroupCommitDelay = TimeSpan.FromMilliseconds(50);

    private readonly EditorialStoreOptions _options;
    private readonly ILogger _logger;
    private readonly string _connectionString;
    private readonly Channel<Write> _writes;
    private readonly Task _writer;
    private readonly byte[] _hashKey;
    private readonly SemaphoreSlim _awaited = new(0);
    private long _dropped;

    /// <summary>One queued write: a question to log, or an action (votes, aliases, audit) someone awaits.</summary>
    private sealed record Write(Action<SqliteConnection, SqliteTransaction>? Apply, TaskCompletionSource? Done, LoggedQuestion? Question = null);

    private EditorialStore(EditorialStoreOptions options, ILogger logger, byte[] hashKey, SqliteConnection writer)
    {
        _options = options;
        _logger = logger;
        _hashKey = hashKey;
        // Readers are not pooled: the console is read now and then, and an idle pooled connection
        // would hold its page cache for nothing. Opening one costs well under a millisecond.
        _connectionString = ConnectionString(options.Path, SqliteOpenMode.ReadOnly);
        _writes = Channel.CreateBounded<Write>(new BoundedChannelOptions(Math.Max(16, options.QueueCapacity)) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _writer = Task.Run(() => WriteLoopAsync(writer));
    }

    /// <summary>The database file.</summary>
    public string Path => _options.Path;

    /// <summary>Questions dropped because the writer fell behind by more than the queue holds.</summary>
    public long DroppedQuestions => Interlocked.Read(ref _dropped);

    /// <summary>
    /// Opens the database (creating it and its folder), brings its schema up to date, imports the
    /// legacy vote file once, and starts the writer.
    /// </summary>
    public static EditorialStore Open(EditorialStoreOptions options, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(options.Path));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        var connection = new SqliteConnection(ConnectionString(options.Path, SqliteOpenMode.ReadWriteCreate));
        try
        {
            connection.Open();
            // The writer appends: a small page cache is all it needs (SQLite's default is 2 MB a connection).
            Execute(connection, null, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-256;");
            Migrations.Apply(connection, logger);
            var key = HashKey(connection);
            ImportLegacyVotes(connection, options.LegacyFeedbackFile, key, logger);
            return new EditorialStore(options, logger, key, connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static string ConnectionString(string path, SqliteOpenMode mode) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        Cache = SqliteCacheMode.Private,
        Pooling = false,
        DefaultTimeout = 10,
    }.ToString();

    // ---------------------------------------------------------------- writes

    /// <summary>
    /// Logs a question. Never blocks and does no work on the caller's thread beyond queueing: hashing,
    /// normalising and writing happen on the writer. When the writer is too far behind, the question is
    /// dropped and counted.
    /// </summary>
    public void Record(LoggedQuestion q)
    {
        if (!_writes.Writer.TryWrite(new Write(null, null, q)))
        {
            if (Interlocked.Increment(ref _dropped) % 1000 == 1)
            {
                _logger.LogWarning("The editors' log is behind; {Dropped} questions not logged so far.", DroppedQuestions);
            }
        }
    }

    /// <summary>The one statement that logs a question, prepared once per batch and reused for each row.</summary>
    private sealed class QuestionInsert(SqliteConnection c, SqliteTransaction t, EditorialStore store)
    {
        private readonly SqliteCommand _cmd = Prepare(c, t);

        private static SqliteCommand Prepare(SqliteConnection c, SqliteTransaction t)
        {
            var cmd = c.CreateCommand();
            cmd.Transaction = t;
            cmd.CommandText = "INSERT INTO questions (time, channel, conversation, question, normalized, answered, answer, reason, passages, latency_ms, confidence, understood) " +
                "VALUES ($time, $channel, $conversation, $question, $normalized, $answered, $answer, $reason, $passages, $latency, $confidence, $understood)";
            foreach (var name in new[] { "$time", "$channel", "$conversation", "$question", "$normalized", "$answered", "$answer", "$reason", "$passages", "$latency", "$confidence", "$understood" })
            {
                cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            cmd.Prepare();
            return cmd;
        }

        public void Insert(LoggedQuestion q)
        {
            var p = _cmd.Parameters;
            p[0].Value = q.Time.ToUnixTimeMilliseconds();
            p[1].Value = Cap(q.Channel, 40);
            p[2].Value = (object?)store.HashConversation(q.ConversationId) ?? DBNull.Value;
            p[3].Value = Cap(q.Question, 2000);
            p[4].Value = Normalize(q.Question);
            p[5].Value = q.Answered ? 1 : 0;
            p[6].Value = (object?)Cap(q.Answer, 2000) ?? DBNull.Value;
            p[7].Value = (object?)q.Reason ?? DBNull.Value;
            p[8].Value = JsonSerializer.Serialize(q.PassageIds);
            p[9].Value = Math.Round(q.LatencyMs, 3);
            p[10].Value = (object?)q.Confidence ?? DBNull.Value;
            p[11].Value = (object?)Cap(q.Understood, 2000) ?? DBNull.Value;

            // One statement: SQLite undoes a failed statement alone, the batch's transaction stays open.
            _cmd.ExecuteNonQuery();
        }

        public void Dispose() => _cmd.Dispose();
    }

    /// <summary>Logs a vote; returns once it is committed.</summary>
    public Task RecordAsync(LoggedVote v, CancellationToken cancellationToken = default)
    {
        var conversation = HashConversation(v.ConversationId);
        return WriteAsync((c, t) => InsertVote(c, t, v, conversation), cancellationToken);
    }

    private static void InsertVote(SqliteConnection c, SqliteTransaction? t, LoggedVote v, string? conversation) => Execute(c, t,
        "INSERT INTO votes (time, channel, conversation, reaction, feedback, question, answer, passages) VALUES ($time, $channel, $conversation, $reaction, $feedback, $question, $answer, $passages)",
        ("$time", v.Time.ToUnixTimeMilliseconds()), ("$channel", Cap(v.Channel, 40)), ("$conversation", conversation), ("$reaction", v.Reaction),
        ("$feedback", Cap(v.Feedback, 2000)), ("$question", Cap(v.Question, 2000)), ("$answer", Cap(v.Answer, 2000)), ("$passages", JsonSerializer.Serialize(v.PassageIds)));

    /// <summary>Adds or replaces an alias and records the change, in one transaction.</summary>
    public Task AddAliasAsync(string phrase, string canonical, string detail, string? client, CancellationToken cancellationToken = default) =>
        WriteAsync((c, t) =>
        {
            Execute(c, t, "INSERT INTO aliases (phrase, canonical, added) VALUES ($p, $c, $t) ON CONFLICT(phrase) DO UPDATE SET canonical = excluded.canonical, added = excluded.added",
                ("$p", phrase), ("$c", canonical), ("$t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
            InsertAudit(c, t, "alias.add", detail, client);
        }, cancellationToken);

    /// <summary>Removes an alias (when present) and records the change.</summary>
    public Task RemoveAliasAsync(string phrase, string detail, string? client, CancellationToken cancellationToken = default) =>
        WriteAsync((c, t) =>
        {
            Execute(c, t, "DELETE FROM aliases WHERE phrase = $p", ("$p", phrase));
            InsertAudit(c, t, "alias.remove", detail, client);
        }, cancellationToken);

    /// <summary>Adds or replaces many aliases and records one change for them, in one transaction.</summary>
    public Task ImportAliasesAsync(IReadOnlyList<(string Phrase, string Canonical)> aliases, string detail, string? client, CancellationToken cancellationToken = default) =>
        WriteAsync((c, t) =>
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var (phrase, canonical) in aliases)
            {
                Execute(c, t, "INSERT INTO aliases (phrase, canonical, added) VALUES ($p, $c, $t) ON CONFLICT(phrase) DO UPDATE SET canonical = excluded.canonical, added = excluded.added",
                    ("$p", phrase), ("$c", canonical), ("$t", now));
            }

            InsertAudit(c, t, "alias.import", detail, client);
        }, cancellationToken);

    /// <summary>Records something an editor did (signing in, a refused sign-in).</summary>
    public Task AuditAsync(string action, string detail, string? client, CancellationToken cancellationToken = default) =>
        WriteAsync((c, t) => InsertAudit(c, t, action, detail, client), cancellationToken);

    private static void InsertAudit(SqliteConnection c, SqliteTransaction t, string action, string detail, string? client) => Execute(c, t,
        "INSERT INTO audit (time, action, detail, client) VALUES ($time, $action, $detail, $client)",
        ("$time", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), ("$action", action), ("$detail", Cap(detail, 2000)), ("$client", Cap(client, 100)));

    /// <summary>Deletes questions and votes older than the retention; returns how many rows went.</summary>
    public Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (_options.RetentionDays <= 0)
        {
            return Task.FromResult(0);
        }

        int deleted = 0;
        var cutoff = now.AddDays(-_options.RetentionDays).ToUnixTimeMilliseconds();
        return WriteAsync((c, t) =>
        {
            deleted = Execute(c, t, "DELETE FROM questions WHERE time < $cutoff", ("$cutoff", cutoff))
                + Execute(c, t, "DELETE FROM votes WHERE time < $cutoff", ("$cutoff", cutoff));
        }, cancellationToken).ContinueWith(task => { task.GetAwaiter().GetResult(); return deleted; }, cancellationToken, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Returns once everything queued so far is committed.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => WriteAsync((_, _) => { }, cancellationToken);

    private async Task WriteAsync(Action<SqliteConnection, SqliteTransaction> apply, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _writes.Writer.WriteAsync(new Write(apply, done), cancellationToken);
        _awaited.Release();
        await done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The one writer: takes what is queued (up to 512 writes), logs the questions with one prepared
    /// statement, applies each awaited action in its own savepoint so a bad one fails alone, and commits
    /// them together.
    /// </summary>
    private async Task WriteLoopAsync(SqliteConnection connection)
    {
        using var _ = connection;
        var batch = new List<Write>(MaxBatch);
        while (await _writes.Reader.WaitToReadAsync())
        {
            while (_awaited.Wait(0))
            {
            }

            batch.Clear();
            while (batch.Count < MaxBatch && _writes.Reader.TryRead(out var w))
            {
                batch.Add(w);
            }

            // Group commit: under load, questions arrive one by one; waiting a moment for more turns
            // hundreds of small transactions (each a sync to disk) into a few. Nobody waits on a
            // question, and a vote or an editor's change is committed without this pause.
            if (batch.Count < MaxBatch && batch.TrueForAll(w => w.Done is null) && !_writes.Reader.Completion.IsCompleted)
            {
                // Cut short by anything someone awaits (a vote, an editor's change, a flush).
                await _awaited.WaitAsync(GroupCommitDelay);
                while (batch.Count < MaxBatch && _writes.Reader.TryRead(out var w))
                {
                    batch.Add(w);
                }
            }

            var failures = new Dictionary<Write, Exception>();
            try
            {
                using var transaction = connection.BeginTransaction();
                QuestionInsert? questions = null;
                foreach (var w in batch)
                {
                    if (w.Question is { } q)
                    {
                        try
                        {
                            (questions ??= new QuestionInsert(connection, transaction, this)).Insert(q);
                        }
                        catch (SqliteException e)
                        {
                            _logger.LogWarning("A question could not be logged: {Error}", e.Message);
                        }

                        continue;
                    }

                    // Actions may run several statements (an alias and its audit line): all or none.
                    transaction.Save("w");
                    try
                    {
                        w.Apply!(connection, transaction);
                        transaction.Release("w");
                    }
                    catch (SqliteException e)
                    {
                        transaction.Rollback("w");
                        failures[w] = e;
                    }
                }

                questions?.Dispose();
                transaction.Commit();
            }
            catch (Exception e) when (e is SqliteException or InvalidOperationException)
            {
                // The whole batch failed to commit (disk full, file gone): nothing of it is stored.
                _logger.LogError("The editors' log could not write {Count} records: {Error}", batch.Count, e.Message);
                foreach (var w in batch)
                {
                    failures[w] = e;
                }
            }

            foreach (var w in batch)
            {
                if (failures.TryGetValue(w, out var error))
                {
                    w.Done?.TrySetException(error);
                }
                else
                {
                    w.Done?.TrySetResult();
                }
            }
        }
    }

    // ---------------------------------------------------------------- reads

    private SqliteConnection Read()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        return c;
    }

    /// <summary>Totals over the filter (votes by the filter's dates and channel).</summary>
    public LogTotals Totals(LogFilter filter)
    {
        using var c = Read();
        var (where, args) = Where(filter);
        using var cmd = Command(c, $"SELECT COUNT(*), COALESCE(SUM(answered), 0) FROM questions {where}", args);
        using var r = cmd.ExecuteReader();
        r.Read();
        long total = r.GetInt64(0), answered = r.GetInt64(1);
        var (voteWhere, voteArgs) = Where(filter with { Text = null, Outcome = null });
        using var votes = Command(c, $"SELECT COALESCE(SUM(reaction = 'like'), 0), COALESCE(SUM(reaction = 'dislike'), 0) FROM votes {voteWhere}", voteArgs);
        using var v = votes.ExecuteReader();
        v.Read();
        double? median = null;
        if (total > 0)
        {
            using var m = Command(c, $"SELECT latency_ms FROM questions {where} ORDER BY latency_ms LIMIT 1 OFFSET {total / 2}", args);
            median = m.ExecuteScalar() is double d ? d : null;
        }

        return new LogTotals(total, answered, total - answered, v.GetInt64(0), v.GetInt64(1), median);
    }

    /// <summary>Answered and refused questions per day, oldest first, days without questions included.</summary>
    public IReadOnlyList<DayCount> Daily(LogFilter filter)
    {
        using var c = Read();
        var (where, args) = Where(filter);
        using var cmd = Command(c, $"SELECT date(time / 1000, 'unixepoch', $offset) AS day, SUM(answered), SUM(1 - answered) FROM questions {where} GROUP BY day ORDER BY day",
            [.. args, ("$offset", OffsetModifier)]);
        using var r = cmd.ExecuteReader();
        var counts = new Dictionary<DateOnly, DayCount>();
        while (r.Read())
        {
            var day = DateOnly.ParseExact(r.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            counts[day] = new DayCount(day, r.GetInt64(1), r.GetInt64(2));
        }

        if (counts.Count == 0)
        {
            return [];
        }

        var from = filter.From ?? counts.Keys.Min();
        var to = filter.To ?? counts.Keys.Max();
        if (to.DayNumber - from.DayNumber > 3660)
        {
            from = to.AddDays(-3660);
        }

        var days = new List<DayCount>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            days.Add(counts.GetValueOrDefault(d) ?? new DayCount(d, 0, 0));
        }

        return days;
    }

    /// <summary>The most asked questions (same wording up to punctuation, spaces and case), most asked first.</summary>
    public IReadOnlyList<FrequentQuestion> Frequent(LogFilter filter, int count)
    {
        using var c = Read();
        var (where, args) = Where(filter);
        using var cmd = Command(c,
            $"WITH g AS (SELECT normalized, COUNT(*) AS n, SUM(answered) AS a, MAX(time) AS last, MAX(id) AS latest FROM questions {where} GROUP BY normalized ORDER BY n DESC, last DESC LIMIT $limit) " +
            "SELECT g.normalized, g.n, g.a, g.last, q.question FROM g JOIN questions q ON q.id = g.latest ORDER BY g.n DESC, g.last DESC",
            [.. args, ("$limit", count)]);
        using var r = cmd.ExecuteReader();
        var rows = new List<FrequentQuestion>();
        while (r.Read())
        {
            rows.Add(new FrequentQuestion(r.GetString(4), r.GetInt64(1), r.GetInt64(2), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3))));
        }

        return rows;
    }

    /// <summary>A page of questions, newest first.</summary>
    public RowPage<QuestionRow> Questions(LogFilter filter, int page, int pageSize)
    {
        page = Math.Max(1, page);
        using var c = Read();
        var (where, args) = Where(filter);
        using var count = Command(c, $"SELECT COUNT(*) FROM questions {where}", args);
        var total = (long)count.ExecuteScalar()!;
        using var cmd = Command(c, $"SELECT {QuestionColumns} FROM questions {where} ORDER BY time DESC, id DESC LIMIT $limit OFFSET $offset",
            [.. args, ("$limit", pageSize), ("$offset", (long)(page - 1) * pageSize)]);
        return new RowPage<QuestionRow>(ReadQuestions(cmd).ToList(), total, page, pageSize);
    }

    /// <summary>Every question of the filter, newest first, read as it is enumerated (for CSV export).</summary>
    public IEnumerable<QuestionRow> Export(LogFilter filter)
    {
        using var c = Read();
        var (where, args) = Where(filter);
        using var cmd = Command(c, $"SELECT {QuestionColumns} FROM questions {where} ORDER BY time DESC, id DESC", args);
        foreach (var row in ReadQuestions(cmd))
        {
            yield return row;
        }
    }

    private const string QuestionColumns = "id, time, channel, conversation, question, answered, answer, reason, passages, latency_ms, confidence, understood";

    private static IEnumerable<QuestionRow> ReadQuestions(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            yield return new QuestionRow(
                r.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.GetString(4), r.GetInt64(5) == 1, r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7),
                Ids(r.GetString(8)), r.GetDouble(9), r.IsDBNull(10) ? null : r.GetDouble(10), r.IsDBNull(11) ? null : r.GetString(11));
        }
    }

    /// <summary>
    /// The refused questions of the filter, one per wording (up to punctuation and case) with how often
    /// it was asked, most recent first, at most <paramref name="limit"/>.
    /// </summary>
    public IReadOnlyList<FrequentQuestion> Refused(LogFilter filter, int limit)
    {
        using var c = Read();
        var (where, args) = Where(filter with { Outcome = false });
        using var cmd = Command(c,
            $"WITH g AS (SELECT normalized, COUNT(*) AS n, MAX(time) AS last, MAX(id) AS latest FROM questions {where} GROUP BY normalized ORDER BY last DESC LIMIT $limit) " +
            "SELECT g.normalized, g.n, g.last, q.question FROM g JOIN questions q ON q.id = g.latest ORDER BY g.last DESC",
            [.. args, ("$limit", limit)]);
        using var r = cmd.ExecuteReader();
        var rows = new List<FrequentQuestion>();
        while (r.Read())
        {
            rows.Add(new FrequentQuestion(r.GetString(3), r.GetInt64(1), 0, DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2))));
        }

        return rows;
    }

    /// <summary>A page of votes, newest first; only <paramref name="reaction"/> when given.</summary>
    public RowPage<VoteRow> Votes(LogFilter filter, string? reaction, int page, int pageSize)
    {
        page = Math.Max(1, page);
        using var c = Read();
        var (where, args) = Where(filter with { Outcome = null }, textColumn: "COALESCE(question, '') || ' ' || COALESCE(feedback, '')");
        if (reaction is not null)
        {
            where += (where.Length == 0 ? "WHERE" : " AND") + " reaction = $reaction";
            args = [.. args, ("$reaction", reaction)];
        }

        using var count = Command(c, $"SELECT COUNT(*) FROM votes {where}", args);
        var total = (long)count.ExecuteScalar()!;
        using var cmd = Command(c, $"SELECT id, time, channel, conversation, reaction, feedback, question, answer, passages FROM votes {where} ORDER BY time DESC, id DESC LIMIT $limit OFFSET $offset",
            [.. args, ("$limit", pageSize), ("$offset", (long)(page - 1) * pageSize)]);
        using var r = cmd.ExecuteReader();
        var rows = new List<VoteRow>();
        while (r.Read())
        {
            rows.Add(new VoteRow(r.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), Ids(r.GetString(8))));
        }

        return new RowPage<VoteRow>(rows, total, page, pageSize);
    }

    /// <summary>The channels questions came from.</summary>
    public IReadOnlyList<string> Channels()
    {
        using var c = Read();
        using var cmd = Command(c, "SELECT DISTINCT channel FROM questions ORDER BY channel", []);
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read())
        {
            rows.Add(r.GetString(0));
        }

        return rows;
    }

    /// <summary>The aliases, by phrase.</summary>
    public IReadOnlyList<StoredAlias> Aliases()
    {
        using var c = Read();
        using var cmd = Command(c, "SELECT phrase, canonical, added FROM aliases ORDER BY phrase", []);
        using var r = cmd.ExecuteReader();
        var rows = new List<StoredAlias>();
        while (r.Read())
        {
            rows.Add(new StoredAlias(r.GetString(0), r.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2))));
        }

        return rows;
    }

    /// <summary>The latest changes, newest first.</summary>
    public IReadOnlyList<AuditRow> Audit(int limit)
    {
        using var c = Read();
        using var cmd = Command(c, "SELECT time, action, detail, client FROM audit ORDER BY id DESC LIMIT $limit", [("$limit", limit)]);
        using var r = cmd.ExecuteReader();
        var rows = new List<AuditRow>();
        while (r.Read())
        {
            rows.Add(new AuditRow(DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(0)), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)));
        }

        return rows;
    }

    /// <summary>The day a time falls on in the console's time zone.</summary>
    public DateOnly DayOf(DateTimeOffset time) => DateOnly.FromDateTime(time.ToOffset(_options.DayOffset).DateTime);

    /// <summary>A time in the console's time zone.</summary>
    public DateTimeOffset Local(DateTimeOffset time) => time.ToOffset(_options.DayOffset);

    private string OffsetModifier => (_options.DayOffset < TimeSpan.Zero ? "-" : "+") + ((int)Math.Abs(_options.DayOffset.TotalMinutes)).ToString(CultureInfo.InvariantCulture) + " minutes";

    private (string Where, (string, object?)[] Args) Where(LogFilter filter, string textColumn = "question")
    {
        var clauses = new List<string>();
        var args = new List<(string, object?)>();

        // Days beyond what a time can be counted in are no bound (DateTimeOffset ends in year 9999).
        static DateOnly? Sane(DateOnly? d) => d is { Year: >= 1971 and <= 9000 } ? d : null;
        filter = filter with { From = Sane(filter.From), To = Sane(filter.To) };
        if (filter.From is { } from)
        {
            clauses.Add("time >= $from");
            args.Add(("$from", new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), _options.DayOffset).ToUnixTimeMilliseconds()));
        }

        if (filter.To is { } to)
        {
            clauses.Add("time < $to");
            args.Add(("$to", new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), _options.DayOffset).ToUnixTimeMilliseconds()));
        }

        if (!string.IsNullOrEmpty(filter.Channel))
        {
            clauses.Add("channel = $channel");
            args.Add(("$channel", filter.Channel));
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            // instr, not LIKE: the editor's text is matched as typed, % and _ included.
            clauses.Add($"instr({textColumn}, $text) > 0");
            args.Add(("$text", filter.Text.Trim()));
        }

        if (filter.Outcome is { } answered)
        {
            clauses.Add("answered = $answered");
            args.Add(("$answered", answered ? 1 : 0));
        }

        return (clauses.Count == 0 ? "" : "WHERE " + string.Join(" AND ", clauses), [.. args]);
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>A question's wording for counting repeats: no spaces or punctuation, lower case, full width folded.</summary>
    public static string Normalize(string question)
    {
        var sb = new StringBuilder(question.Length);
        foreach (var ch in question.Normalize(NormalizationForm.FormKC))
        {
            if (!char.IsWhiteSpace(ch) && !char.IsPunctuation(ch) && !char.IsSymbol(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
        }

        return sb.Length > 500 ? sb.ToString(0, 500) : sb.ToString();
    }

    private string? HashConversation(string? id) => Hash(_hashKey, id);

    /// <summary>A conversation id as the log keeps it: HMAC-SHA256 with the database's own key, 16 hex digits; null for none.</summary>
    private static string? Hash(byte[] key, string? id) =>
        string.IsNullOrEmpty(id) ? null : Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(id)))[..16];

    private static byte[] HashKey(SqliteConnection c)
    {
        using var cmd = Command(c, "SELECT value FROM meta WHERE key = 'conversation_hash_key'", []);
        if (cmd.ExecuteScalar() is string hex)
        {
            return Convert.FromHexString(hex);
        }

        var key = RandomNumberGenerator.GetBytes(32);
        Execute(c, null, "INSERT INTO meta (key, value) VALUES ('conversation_hash_key', $v)", ("$v", Convert.ToHexString(key)));
        return key;
    }

    /// <summary>
    /// Imports the vote file earlier versions appended to, once: the rows and the mark that they were
    /// imported are committed together, then the file is renamed so nobody takes it for the live log.
    /// </summary>
    private static void ImportLegacyVotes(SqliteConnection c, string? file, byte[] key, ILogger logger)
    {
        if (string.IsNullOrEmpty(file) || !File.Exists(file))
        {
            return;
        }

        using (var done = Command(c, "SELECT value FROM meta WHERE key = 'legacy_feedback_imported'", []))
        {
            if (done.ExecuteScalar() is not null)
            {
                return;
            }
        }

        int imported = 0, skipped = 0;
        using (var t = c.BeginTransaction())
        {
            foreach (var line in File.ReadLines(file))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                try
                {
                    using var doc = JsonDocument.Parse(line);
                    var root = doc.RootElement;
                    var reaction = Str(root, "reaction");
                    if (reaction is not ("like" or "dislike") || !DateTimeOffset.TryParse(Str(root, "time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                    {
                        skipped++;
                        continue;
                    }

                    var ids = root.TryGetProperty("passageIds", out var p) && p.ValueKind == JsonValueKind.Array
                        ? p.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
                        : [];
                    var conversation = Hash(key, Str(root, "conversationId"));
                    InsertVote(c, t, new LoggedVote(time, "msteams", null, reaction, Str(root, "feedback"), Str(root, "question"), Str(root, "answer"), ids), conversation);
                    imported++;
                }
                catch (JsonException)
                {
                    skipped++;
                }
            }

            Execute(c, t, "INSERT INTO meta (key, value) VALUES ('legacy_feedback_imported', $v)", ("$v", $"{DateTimeOffset.UtcNow:O} {imported} votes from {file}"));
            t.Commit();
        }

        try
        {
            File.Move(file, file + ".imported", overwrite: true);
        }
        catch (IOException e)
        {
            logger.LogWarning("Imported {File} but could not rename it ({Error}); it will not be imported again.", file, e.Message);
        }

        logger.LogInformation("Imported {Imported} votes from {File} into the editors' log ({Skipped} lines unreadable).", imported, file, skipped);

        static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    private static IReadOnlyList<string> Ids(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<string>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? Cap(string? text, int max) => text is null || text.Length <= max ? text : text[..max];

    internal static int Execute(SqliteConnection c, SqliteTransaction? t, string sql, params (string Name, object? Value)[] args)
    {
        using var cmd = Command(c, sql, args);
        cmd.Transaction = t;
        return cmd.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection c, string sql, (string Name, object? Value)[] args)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in args)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return cmd;
    }

    /// <summary>Stops taking writes and waits (up to 5 s) for the queued ones to be committed.</summary>
    public void Dispose()
    {
        _writes.Writer.TryComplete();
        if (!_writer.Wait(TimeSpan.FromSeconds(5)))
        {
            _logger.LogWarning("The editors' log did not finish writing within 5 s of shutdown.");
        }
    }
}
