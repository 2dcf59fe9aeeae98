using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CoopBot.Engine.Answering;

namespace CoopBot.Rendering;

/// <summary>The JSON shape of an answer, shared by <c>ask --jsonl</c> (and later the HTTP API).</summary>
public static class AnswerJson
{
    /// <summary>Serializer options: Chinese as is, nulls written.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        // Chinese stays readable, while < > & ' are still escaped (\u003C…), so a question holding
        // HTML or script is inert wherever the JSON ends up.
        Encoder = JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public sealed record PassageDto(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("article")] string Article,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("url")] string Url,
        [property: JsonPropertyName("score")] double Score,
        [property: JsonPropertyName("published")] string? Published);

    public sealed record FigureDto(
        [property: JsonPropertyName("figure")] string Figure,
        [property: JsonPropertyName("scope")] string Scope,
        [property: JsonPropertyName("passage")] string PassageId,
        [property: JsonPropertyName("url")] string Url);

    public sealed record AnswerDto(
        [property: JsonPropertyName("question")] string Question,
        [property: JsonPropertyName("answered")] bool Answered,
        [property: JsonPropertyName("answer")] string? Answer,
        [property: JsonPropertyName("passages")] IReadOnlyList<PassageDto> Passages,
        [property: JsonPropertyName("scope")] string? Scope,
        [property: JsonPropertyName("otherFigures")] IReadOnlyList<FigureDto> OtherFigures,
        [property: JsonPropertyName("clarifications")] IReadOnlyList<string> Clarifications,
        [property: JsonPropertyName("derivation")] DerivationDto? Derivation,
        [property: JsonPropertyName("problem")] string? Problem,
        [property: JsonPropertyName("understood")] string? Understood);

    public sealed record OperandDto(
        [property: JsonPropertyName("asked")] string Asked,
        [property: JsonPropertyName("figure")] string Figure,
        [property: JsonPropertyName("passage")] string PassageId,
        [property: JsonPropertyName("url")] string Url);

    public sealed record DerivationDto(
        [property: JsonPropertyName("formula")] string Formula,
        [property: JsonPropertyName("operands")] IReadOnlyList<OperandDto> Operands);

    /// <summary>The JSON of an answer; <paramref name="asked"/> and <paramref name="understood"/> when the question was read in other words than typed (an editor's alias).</summary>
    public static AnswerDto From(Answer answer, string? asked = null, string? understood = null) => new(
        asked ?? answer.Question,
        answer.Answered,
        answer.Text,
        answer.Passages.Select(p => new PassageDto(p.Passage.Id, p.Passage.ArticleTitle, p.Passage.Text, p.Passage.Url, p.Score, p.Passage.Published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))).ToList(),
        answer.Scope,
        answer.OtherFigures.Select(f => new FigureDto(f.Text, f.Scope, f.Passage.Passage.Id, f.Passage.Passage.Url)).ToList(),
        answer.Clarifications,
        answer.Derivation is { } d ? new DerivationDto(d.Formula, d.Operands.Select(o => new OperandDto(o.Asked, o.Figure, o.Passage.Passage.Id, o.Passage.Passage.Url)).ToList()) : null,
        answer.DerivationProblem,
        understood);

    public static string Serialize(Answer answer) => JsonSerializer.Serialize(From(answer), Options);
}
