using System.Text;
using CoopBot.Engine.Ingestion;

namespace CoopBot.Engine.Tests;

/// <summary>The same page in every encoding newspapers arrive in reads to the same passages; non-text is skipped, named.</summary>
[Trait("Category", "Unit")]
public class EncodingTests
{
    static EncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static TheoryData<string> Encodings => ["utf-8", "utf-8-bom", "utf-16le-bom", "utf-16be-bom", "gb18030", "gbk", "utf-8-crlf"];

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Seed_in_each_encoding_gives_the_same_passages(string encoding)
    {
        var text = TestPaths.SeedText;
        byte[] bytes = encoding switch
        {
            "utf-8" => new UTF8Encoding(false).GetBytes(text),
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            "utf-16le-bom" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            "utf-16be-bom" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)],
            "gb18030" => Encoding.GetEncoding("GB18030").GetBytes(text),
            "gbk" => Encoding.GetEncoding(936).GetBytes(text),
            "utf-8-crlf" => Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n")),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
        };
        using var dir = TestPaths.NewTempDir();
        File.WriteAllBytes(Path.Combine(dir.Path, "page.txt"), bytes);

        var corpus = CorpusLoader.Load(dir.Path);
        var expected = CorpusLoader.Load(TestPaths.Seeds);

        Assert.Empty(corpus.Skipped);
        Assert.Equal(expected.Articles.Select(a => a.Title), corpus.Articles.Select(a => a.Title));
        Assert.Equal(expected.Articles.SelectMany(a => a.Passages).Select(p => p.Text), corpus.Articles.SelectMany(a => a.Passages).Select(p => p.Text));
    }

    [Fact]
    public void Binary_file_is_skipped_with_a_reason_and_the_rest_is_read()
    {
        using var dir = TestPaths.NewTempDir();
        File.Copy(TestPaths.SeedFile, Path.Combine(dir.Path, "page.txt"));
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0 };
        File.WriteAllBytes(Path.Combine(dir.Path, "photo.png"), png);

        var corpus = CorpusLoader.Load(dir.Path);

        var skipped = Assert.Single(corpus.Skipped);
        Assert.Equal("photo.png", skipped.Path);
        Assert.Contains("not text", skipped.Reason);
        Assert.Equal(6, corpus.Articles.Count);
    }
}
