using System.IO.Compression;
using System.Text.Json;
using CoopBot.Cli;

namespace CoopBot.Tests;

/// <summary>The Teams app package built by <c>teams-package</c>.</summary>
[Trait("Category", "Unit")]
public class TeamsPackageTests
{
    [Fact]
    public void Package_holds_a_manifest_for_the_configured_bot_and_both_icons()
    {
        var zip = Path.Combine(Path.GetTempPath(), $"coopbot-teams-{Guid.NewGuid():N}.zip");
        var output = new StringWriter();
        try
        {
            int code = CommandLine.Run(["teams-package", "--app-id", "0f8fad5b-d9cb-469f-a165-70867728950e", "--url", "https://coopbot.example.org", "--out", zip], TextReader.Null, output, new StringWriter());

            Assert.Equal(0, code);
            using var archive = ZipFile.OpenRead(zip);
            Assert.Equal(["color.png", "manifest.json", "outline.png"], archive.Entries.Select(e => e.FullName).Order());
            using var manifest = JsonDocument.Parse(archive.GetEntry("manifest.json")!.Open());
            var root = manifest.RootElement;
            Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", root.GetProperty("id").GetString());
            Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", root.GetProperty("bots")[0].GetProperty("botId").GetString());
            Assert.Equal("coopbot.example.org", root.GetProperty("validDomains")[0].GetString());
            Assert.Equal(192, PngWidth(archive.GetEntry("color.png")!));
            Assert.Equal(32, PngWidth(archive.GetEntry("outline.png")!));
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [Theory]
    [InlineData("not-a-guid", "https://coopbot.example.org")]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e", "http://insecure.example.org")]
    public void Bad_app_id_or_url_is_refused_with_a_reason(string appId, string url)
    {
        var error = new StringWriter();
        int code = CommandLine.Run(["teams-package", "--app-id", appId, "--url", url, "--out", Path.Combine(Path.GetTempPath(), "never.zip")], TextReader.Null, new StringWriter(), error);
        Assert.Equal(2, code);
        Assert.NotEmpty(error.ToString());
    }

    private static int PngWidth(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var header = new byte[24];
        stream.ReadExactly(header);
        return (header[16] << 24) | (header[17] << 16) | (header[18] << 8) | header[19];
    }
}
