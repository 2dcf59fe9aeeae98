using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CoopBot.Editorial;

/// <summary>
/// The schema, as numbered steps in code. The database's <c>user_version</c> says which steps it has;
/// each missing step runs in its own transaction together with the new version number, so a crash
/// mid-migration leaves the database at the step before, never between. A database written by a
/// newer CoopBot (a higher version) is refused rather than guessed at.
/// </summary>
internal static class Migrations
{
    private static readonly (int Version, string Why, string Sql)[] Steps =
    [
        (1, "questions, votes, aliases, audit", """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE questions (
              id INTEGER PRIMARY KEY,
              time INTEGER NOT NULL,
              channel TEXT NOT NULL,
              conversation TEXT,
              question TEXT NOT NULL,
              normalized TEXT NOT NULL,
              answered INTEGER NOT NULL CHECK (answered IN (0, 1)),
              answer TEXT,
              reason TEXT,
              passages TEXT NOT NULL,
              latency_ms REAL NOT NULL,
              confidence REAL
            );
            CREATE INDEX questions_time ON questions (time);
            CREATE TABLE votes (
              id INTEGER PRIMARY KEY,
              time INTEGER NOT NULL,
              channel TEXT NOT NULL,
              conversation TEXT,
              reaction TEXT NOT NULL CHECK (reaction IN ('like', 'dislike')),
              feedback TEXT,
              question TEXT,
              answer TEXT,
              passages TEXT NOT NULL
            );
            CREATE INDEX votes_time ON votes (time);
            CREATE TABLE aliases (phrase TEXT PRIMARY KEY, canonical TEXT NOT NULL, added INTEGER NOT NULL);
            CREATE TABLE audit (id INTEGER PRIMARY KEY, time INTEGER NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL, client TEXT);
            """),
        (2, "how a question was read (follow-ups, aliases); refused questions by wording", """
            ALTER TABLE questions ADD COLUMN understood TEXT;
            CREATE INDEX questions_refused ON questions (answered, normalized, time);
            """),
    ];

    /// <summary>Brings the database up to <see cref="EditorialStore.SchemaVersion"/>.</summary>
    public static void Apply(SqliteConnection connection, ILogger logger)
    {
        using var read = connection.CreateCommand();
        read.CommandText = "PRAGMA user_version";
        var version = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version > EditorialStore.SchemaVersion)
        {
            throw new InvalidDataException($"The editors' database {connection.DataSource} has schema version {version}, newer than this CoopBot's {EditorialStore.SchemaVersion}; use the CoopBot that wrote it, or another database file (CoopBot:Database).");
        }

        foreach (var (step, why, sql) in Steps.Where(s => s.Version > version))
        {
            using var t = connection.BeginTransaction();
            EditorialStore.Execute(connection, t, sql);
            EditorialStore.Execute(connection, t, $"PRAGMA user_version = {step}");
            t.Commit();
            logger.LogInformation("Editors' database {File}: schema step {Step} ({Why}).", connection.DataSource, step, why);
        }
    }
}
