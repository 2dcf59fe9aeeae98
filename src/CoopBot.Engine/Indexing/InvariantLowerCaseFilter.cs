using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;

namespace CoopBot.Engine.Indexing;

/// <summary>
/// Lucene's <c>LowerCaseFilter</c> (4.8), term for term, with the case mapping of each UTF-16 unit
/// of the Basic Multilingual Plane looked up in a table that Lucene's own <see cref="CharacterUtils"/>
/// filled, instead of a call into ICU for every token.
/// </summary>
/// <remarks>
/// Why: the bigram field lower-cases every CJK token, and Lucene.Net does it through
/// <c>MemoryExtensions.ToLower</c>, which for non-ASCII text calls ICU; that was 7% of a 100 MB
/// build's CPU time (dotnet-trace). A token holding a surrogate pair (a character outside the BMP) is
/// lower-cased by Lucene itself, as before, because its mapping is per code point.
/// </remarks>
internal sealed class InvariantLowerCaseFilter : TokenFilter
{
    private static readonly Lazy<char[]> Table = new(Build);

    private readonly ICharTermAttribute _term;
    private readonly CharacterUtils _lucene;

    public InvariantLowerCaseFilter(Lucene.Net.Util.LuceneVersion version, TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _lucene = CharacterUtils.GetInstance(version);
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        var buffer = _term.Buffer;
        int length = _term.Length;
        var table = Table.Value;
        for (int i = 0; i < length; i++)
        {
            if (char.IsSurrogate(buffer[i]))
            {
                // Not yet changed before i: table lookups map a unit to itself or to its one-unit lower case.
                _lucene.ToLower(buffer, 0, length);
                return true;
            }
        }

        for (int i = 0; i < length; i++)
        {
            buffer[i] = table[buffer[i]];
        }

        return true;
    }

    /// <summary>
    /// The table, filled by Lucene's own mapping: every unit that is not a surrogate, lower-cased in one
    /// call (simple case mapping is per character, so each maps as it would alone; a call per unit
    /// into ICU took 51 ms, one call 0.4 ms). Surrogates map to themselves and are never looked up.
    /// </summary>
    internal static char[] Build()
    {
        var table = new char[char.MaxValue + 1];
        var units = new char[char.MaxValue + 1 - 2048];
        int n = 0;
        for (int c = 0; c <= char.MaxValue; c++)
        {
            table[c] = (char)c;
            if (!char.IsSurrogate((char)c))
            {
                units[n++] = (char)c;
            }
        }

        var lowered = (char[])units.Clone();
        CharacterUtils.GetInstance(ChineseAnalysis.Version).ToLower(lowered, 0, n);
        for (int i = 0; i < n; i++)
        {
            table[units[i]] = lowered[i];
        }

        return table;
    }
}
