using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace CoopBot.Bot;

/// <summary>
/// The schema.org Message entity that carries citations: Teams shows each Claim as a numbered pill for
/// the <c>[n]</c> marker with the same position; Web Chat pairs them with markdown reference links.
/// Bot Builder v4 has no type for it, so this subclass adds the JSON properties.
/// </summary>
public sealed class CitationEntity : Entity
{
    /// <summary>Teams shows at most 20 (its emulator accepts 10).</summary>
    public const int MaxCitations = 10;

    /// <summary>Creates the root message entity.</summary>
    public CitationEntity(IEnumerable<Claim> citations)
        : base("https://schema.org/Message")
    {
        Citation = citations.Take(MaxCitations).ToList();
    }

    /// <summary>Always <c>Message</c>.</summary>
    [JsonProperty("@type")]
    public string SchemaType { get; set; } = "Message";

    /// <summary>Always schema.org.</summary>
    [JsonProperty("@context")]
    public string Context { get; set; } = "https://schema.org";

    /// <summary>Empty, as Teams expects.</summary>
    [JsonProperty("@id")]
    public string SchemaId { get; set; } = "";

    /// <summary>Marks the message as AI-generated content (Teams adds its label).</summary>
    [JsonProperty("additionalType")]
    public List<string> AdditionalType { get; set; } = ["AIGeneratedContent"];

    /// <summary>The citations, by position.</summary>
    [JsonProperty("citation")]
    public List<Claim> Citation { get; set; }

    /// <summary>One citation.</summary>
    /// <param name="Position">The number in the text marker <c>[n]</c>.</param>
    /// <param name="Appearance">The document cited.</param>
    public sealed record Claim(
        [property: JsonProperty("position")] int Position,
        [property: JsonProperty("appearance")] Document Appearance)
    {
        /// <summary>Always <c>Claim</c>.</summary>
        [JsonProperty("@type", Order = -2)]
        public string SchemaType { get; init; } = "Claim";
    }

    /// <summary>The cited passage.</summary>
    /// <param name="Name">The article title (80 characters at most).</param>
    /// <param name="Abstract">The passage (160 characters at most).</param>
    /// <param name="Url">The link to the passage in its article.</param>
    public sealed record Document(
        [property: JsonProperty("name")] string Name,
        [property: JsonProperty("abstract")] string Abstract,
        [property: JsonProperty("url")] string Url)
    {
        /// <summary>Always <c>DigitalDocument</c>.</summary>
        [JsonProperty("@type", Order = -2)]
        public string SchemaType { get; init; } = "DigitalDocument";
    }
}
