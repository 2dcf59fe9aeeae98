using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;

namespace CoopBot.Engine.Indexing;

/// <summary>
/// Lucene's <see cref="StringField"/> (one untokenized term, optionally stored), read by the writer
/// through this thread's single-token stream for the field (<see cref="ThreadStreams{T}"/>) instead
/// of a new one per field, as Lucene makes. The terms written are the same.
/// </summary>
internal sealed class KeywordField(string name, string value, Field.Store store)
    : Field(name, value, store == Field.Store.YES ? StringField.TYPE_STORED : StringField.TYPE_NOT_STORED)
{
    /// <inheritdoc/>
    public override TokenStream GetTokenStream(Analyzer analyzer)
    {
        var stream = ThreadStreams<SingleToken>.For(Name);
        stream.Value = GetStringValue();
        return stream;
    }

    /// <summary>Lucene's own single-token stream for an untokenized field (term and offsets).</summary>
    internal sealed class SingleToken : TokenStream
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
