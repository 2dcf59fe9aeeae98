using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace CoopBot.Tests;

/// <summary>
/// Multi-turn conversations over the seed page (<c>tests/conversations/seed.jsonl</c>), each turn with
/// its expected answer or refusal and whether it must be read with the earlier question (理解为),
/// through the real <c>/api/messages</c> pipeline and conversation state, as Web Chat (Direct Line)
/// and as Teams.
/// </summary>
[Trait("Category", "Integration")]
public partial class ConversationTests(BotAppFactory app) : IClassFixture<BotAppFactory>
{
    private static readonly string SetFile = Path.Combine(Repo.Root, "tests", "conversations", "seed.jsonl");

    public static TheoryData<string, string> Conversations()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadLines(SetFile).Where(l => l.Trim().Length > 0))
        {
            var id = (string)JObject.Parse(line)["id"]!;
            data.Add(id, "directline");
            data.Add(id, "msteams");
        }

        return data;
    }

    [Fact]
    public void The_set_has_at_least_25_conversations_of_2_to_4_turns()
    {
        var conversations = File.ReadLines(SetFile).Where(l => l.Trim().Length > 0).Select(JObject.Parse).ToList();
        Assert.True(conversations.Count >= 25, $"{conversations.Count} conversations");
        Assert.All(conversations, c => Assert.InRange(((JArray)c["turns"]!).Count, 2, 4));
        Assert.True(conversations.Count(c => c["turns"]!.Any(t => (bool?)t["understood"] == true)) >= 20, "most conversations must have a real follow-up");
    }

    [Theory]
    [MemberData(nameof(Conversations))]
    public async Task Conversation_is_answered_turn_by_turn(string id, string channel)
    {
        var conversation = JObject.Parse(File.ReadLines(SetFile).Single(l => l.Contains($"\"{id}\"", StringComparison.Ordinal)));
        var conversationId = $"conv-{id}-{channel}-{Guid.NewGuid():N}";
        foreach (var turn in conversation["turns"]!)
        {
            var say = (string)turn["say"]!;
            var replies = (await app.SendAsync(Activities.Message(say, channel, conversationId))).Messages();
            Assert.NotEmpty(replies);
            var text = (string?)replies[0]["text"] ?? "";
            var paragraphs = text.Split("\n\n").ToList();

            bool understood = paragraphs[0].StartsWith("理解为：", StringComparison.Ordinal);
            if (turn["understood"] is { } expectUnderstood)
            {
                Assert.True((bool)expectUnderstood == understood, $"{id} {channel} \"{say}\": expected understood={expectUnderstood}, got:\n{text}");
            }

            var body = understood ? paragraphs.Skip(1).FirstOrDefault() ?? "" : paragraphs[0];
            var answer = Bold().Match(body) is { Success: true } m && m.Length == body.Length ? Unescape(m.Groups[1].Value) : null;
            if (turn["expect"] is JArray expected)
            {
                Assert.True(answer is not null, $"{id} {channel} \"{say}\": expected {expected[0]}, got no answer:\n{text}");
                Assert.True(
                    expected.Any(e => answer!.Contains((string)e!, StringComparison.Ordinal) && answer.Length <= ((string)e!).Length + 8),
                    $"{id} {channel} \"{say}\": expected {string.Join(" / ", expected)}, got {answer}:\n{text}");
            }
            else
            {
                Assert.True(answer is null, $"{id} {channel} \"{say}\": expected no answer, got {answer}");
            }
        }
    }

    [Theory]
    [InlineData("directline")]
    [InlineData("msteams")]
    public async Task A_bare_word_is_met_with_the_questions_it_could_mean_as_suggested_actions(string channel)
    {
        var replies = (await app.SendAsync(Activities.Message("签约", channel, "conv-vague-" + Guid.NewGuid().ToString("N")))).Messages();
        Assert.Contains("你想问的是哪一个", (string?)replies[0]["text"]);
        var actions = replies.Last()["suggestedActions"]!["actions"]!.Children().ToList();
        Assert.InRange(actions.Count, 2, 4);
        Assert.All(actions, a => Assert.EndsWith("？", (string?)a["value"]));

        // Picking one answers it.
        var picked = (string)actions[0]["value"]!;
        var answer = (await app.SendAsync(Activities.Message(picked, channel, "conv-vague-" + Guid.NewGuid().ToString("N")))).Messages()[0];
        Assert.StartsWith("**", (string?)answer["text"]);
    }

    [Fact]
    public async Task An_answer_with_other_figures_names_each_with_its_scope_and_a_citation()
    {
        var text = (string)(await app.SendAsync(Activities.Message("两省对口合作的签约额是多少？", "directline", "conv-figures-" + Guid.NewGuid().ToString("N")))).Messages()[0]["text"]!;
        Assert.StartsWith("**4901亿元**", text);
        Assert.Contains("这是截至目前", text);
        var line = Assert.Single(text.Split('\n'), l => l.StartsWith("- **1114.79亿元**（", StringComparison.Ordinal));
        Assert.Matches(@"\[\d\]$", line);
    }

    [Fact]
    public async Task A_computed_answer_shows_the_formula_and_quotes_both_figures_with_links()
    {
        var message = (await app.SendAsync(Activities.Message("两省对俄贸易额2019年比2017年增长了多少？", "directline", "conv-compute-" + Guid.NewGuid().ToString("N")))).Messages()[0];
        var text = (string)message["text"]!;
        Assert.StartsWith("**715.11亿元**", text);
        Assert.Contains("计算：1957.10亿元 − 1241.99亿元 = 715.11亿元", text);
        Assert.Contains("**1957.10亿元**", text);
        Assert.Contains("**1241.99亿元**", text);
        Assert.Equal(2, text.Split("查看原文").Length - 1);

        var missing = (string)(await app.SendAsync(Activities.Message("两省对俄贸易额2020年比2019年增长了多少？", "directline", "conv-compute-" + Guid.NewGuid().ToString("N")))).Messages()[0]["text"]!;
        Assert.StartsWith("文章中没有找到", missing);
        Assert.DoesNotContain("**", missing);
    }

    [GeneratedRegex(@"^\*\*(.+)\*\*$", RegexOptions.Singleline)]
    private static partial Regex Bold();

    private static string Unescape(string markdown) => Regex.Replace(markdown, @"\\(.)", "$1");
}
