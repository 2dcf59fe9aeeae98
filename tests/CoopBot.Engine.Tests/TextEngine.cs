using CoopBot.Engine.Answering;

namespace CoopBot.Engine.Tests;

/// <summary>An engine over one article of our own (a title, then its paragraphs), built in a private temp folder.</summary>
internal sealed class TextEngine : IDisposable
{
    private readonly TempDir _dir = TestPaths.NewTempDir();

    public TextEngine(string title, params string[] paragraphs)
    {
        var seeds = _dir.Sub("seeds");
        File.WriteAllText(Path.Combine(seeds, "article.txt"), string.Join("\n\n", [title, .. paragraphs]));
        Engine = QaEngine.Open(new EngineOptions(seeds, _dir.Sub("index")));
    }

    public QaEngine Engine { get; }

    /// <summary>The short answer to <paramref name="question"/>; fails, naming the question, when it is not answered.</summary>
    public string AnswerTo(string question)
    {
        var result = Engine.Ask(question);
        Assert.True(result.Answered, $"{question} was not answered");
        return result.Text!;
    }

    public void Dispose()
    {
        Engine.Dispose();
        _dir.Dispose();
    }
}
