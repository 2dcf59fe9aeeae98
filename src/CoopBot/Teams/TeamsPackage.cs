using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CoopBot.Teams;

/// <summary>
/// Builds the Teams app package to sideload or publish: a zip of manifest.json (schema 1.17) naming the
/// bot's Azure app id, and the two icons Teams requires (192×192 colour, 32×32 outline).
/// </summary>
internal static partial class TeamsPackage
{
    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex Guid();

    /// <summary>Writes the package; returns an error message, or null when written.</summary>
    public static string? Build(string appId, string publicUrl, string outFile)
    {
        if (!Guid().IsMatch(appId))
        {
            return $"'{appId}' is not an Azure app id (a GUID). Pass --app-id or set MicrosoftAppId.";
        }

        if (!Uri.TryCreate(publicUrl, UriKind.Absolute, out var site) || site.Scheme != Uri.UriSchemeHttps)
        {
            return $"'{publicUrl}' is not an https URL. Pass --url with the public address CoopBot is served at (Teams requires https).";
        }

        var iconsDir = Path.Combine(AppContext.BaseDirectory, "Teams");
        var manifest = Manifest(appId, site);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outFile))!);
        var tmp = outFile + ".tmp";
        using (var zip = ZipFile.Open(tmp, ZipArchiveMode.Create))
        {
            var entry = zip.CreateEntry("manifest.json");
            using (var writer = new StreamWriter(entry.Open()))
            {
                writer.Write(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            }

            zip.CreateEntryFromFile(Path.Combine(iconsDir, "color.png"), "color.png");
            zip.CreateEntryFromFile(Path.Combine(iconsDir, "outline.png"), "outline.png");
        }

        File.Move(tmp, outFile, overwrite: true);
        return null;
    }

    private static JsonObject Manifest(string appId, Uri site)
    {
        var scopes = new JsonArray("personal", "team", "groupChat");
        return new JsonObject
        {
            ["$schema"] = "https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json",
            ["manifestVersion"] = "1.17",
            ["version"] = "1.0.0",
            ["id"] = appId,
            ["developer"] = new JsonObject
            {
                ["name"] = "CoopBot",
                ["websiteUrl"] = site.GetLeftPart(UriPartial.Authority) + "/",
                ["privacyUrl"] = site.GetLeftPart(UriPartial.Authority) + "/",
                ["termsOfUseUrl"] = site.GetLeftPart(UriPartial.Authority) + "/",
            },
            ["name"] = new JsonObject { ["short"] = "CoopBot", ["full"] = "CoopBot 龙粤对口合作问答" },
            ["description"] = new JsonObject
            {
                ["short"] = "关于黑龙江与广东对口合作新闻报道的问答",
                ["full"] = "用中文提问，CoopBot 在新闻报道中找到答案，给出简短答案、引用原文段落并附上原文链接；文章里没有的内容会直说没有找到。",
            },
            ["icons"] = new JsonObject { ["color"] = "color.png", ["outline"] = "outline.png" },
            ["accentColor"] = "#B3261E",
            ["bots"] = new JsonArray(new JsonObject
            {
                ["botId"] = appId,
                ["scopes"] = scopes.DeepClone(),
                ["supportsFiles"] = false,
                ["isNotificationOnly"] = false,
                ["commandLists"] = new JsonArray(new JsonObject
                {
                    ["scopes"] = scopes.DeepClone(),
                    ["commands"] = new JsonArray(
                        new JsonObject { ["title"] = "帮助", ["description"] = "CoopBot 能做什么" },
                        new JsonObject { ["title"] = "更多", ["description"] = "上一个问题的更多相关段落" }),
                }),
            }),
            ["permissions"] = new JsonArray("identity", "messageTeamMembers"),
            ["validDomains"] = new JsonArray(site.Host),
        };
    }
}
