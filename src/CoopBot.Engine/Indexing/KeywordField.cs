using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;

namespace CoopBot.Engine.Indexing;

/// <summary>
/// Lucene's <see cref="StringField"/> (one untokenized term, optionally stored), with the single-token
/// stream the writer reads it through kept per thread and field name instead of made per field.
/// </summary>
/// <remarks>
/// Why: Lucene makes a new token stream for each <see cref="StringField"/> it writes, and each new
/// stream creates its attributes through the attribute factory, whose class cache is behind a lock;
/// with every passage, article and page-file document carrying such fields, the build's threads
/// waited on that lock (dotnet-trace of a 100 MB build). The terms written are the same.
/// </remarks>
internal sealed class KeywordField(string name, string value, Field.Store store)
    : Field(name, value, store == Field.Store.YES ? StringField.TYPE_STORED : StringField.TYPE_NOT_STORED)
{
    [ThreadStatic]
    private static Dictionary<string, SingleToken>? t_streams;

    /// <inheritdoc/>
    public override TokenStream GetTokenStream(Analyzer analyzer)
    {
        // The writer inverts one field at a time on a thread and ends its stream before the next.
        var streams = t_streams ??= new Dictionary<string, SingleToken>(StringComparer.Ordinal);
        if (!streams.TryGetValue(Name, out var stream))
        {
            streams[Name] = stream = new SingleToken();
        }

        stream.Value = GetStringValue();
        return stream;
    }

    /// <summary>Lucene's own single-token stream for an untokenized field (term and offsets).</summary>
    private sealed class SingleToken : TokenStream
    {
        private readonly ICharTermAttribute _term;
        private readonly IOffsetAttribute _offset;
        private bool _used;

        public SingleToken()
        {
            _term = AddAttribute<ICharTermAttribute>();
            _offset = AddAttribute<IOffsetAttribute>();
        }

        public string Value { get; set; } = string.Empty;

        public override bool IncrementToken()
        {
            if (_used)
            {
                return false;
            }

            ClearAttributes();
            _term.Append(Value);
            _offset.SetOffset(0, Value.Length);
            _used = true;
            return true;
        }

        public override void End()
        {
            base.End();
            _offset.SetOffset(Value.Length, Value.Length);
        }

        public override void Reset()
        {
            base.Reset();
            _used = false;
        }
    }
}
