using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;

namespace CoopBot.Tests;

/// <summary>The bot over the Bot Framework protocol, through the real CloudAdapter (expectReplies).</summary>
[Trait("Category", "Integration")]
public class BotProtocolTests(BotAppFactory app) : IClassFixture<BotAppFactory>
{
    [Fact]
    public async Task Welcome_on_join_says_what_it_knows_and_offers_three_questions()
    {
        var replies = (await app.SendAsync(Activities.MembersAdded())).Messages();

        Assert.Equal(2, replies.Count);
        Assert.Contains("我读过 6 篇文章", (string?)replies[0]["text"]);
        Assert.Contains("《2546名龙江干部赴粤学习 取真经》", (string?)replies[0]["text"]);
        var actions = replies[1]["suggestedActions"]!["actions"]!.Children().ToList();
        Assert.Equal(3, actions.Count);
        Assert.All(actions, a => Assert.Equal("imBack", (string?)a["type"]));
        Assert.Contains(actions, a => (string?)a["value"] == SeedFacts.TotalQuestion);
    }

    [Fact]
    public async Task Teams_greets_a_new_chat_once_though_it_announces_it_twice()
    {
        // The Teams emulator (and Teams) sends an installationUpdate and a conversationUpdate for one new chat.
        var conversation = "conv-teams-" + Guid.NewGuid().ToString("N");
        var install = Activities.Message("", "msteams", conversation);
        install["type"] = "installationUpdate";
        install["action"] = "add";
        var joined = Activities.MembersAdded("msteams");
        joined["conversation"] = new JObject { ["id"] = conversation };

        var first = (await app.SendAsync(install)).Messages();
        var second = (await app.SendAsync(joined)).Messages();

        Assert.Single(first, m => ((string?)m["text"] ?? "").Contains("我读过 6 篇文章"));
        Assert.Empty(second);
    }

    [Fact]
    public async Task Teams_greets_once_when_it_announces_a_new_chat_twice_at_the_same_moment()
    {
        // The Teams emulator sends both at once; both turns read the state before either saves it.
        for (int round = 0; round < 5; round++)
        {
            var conversation = "conv-teams-race-" + Guid.NewGuid().ToString("N");
            var install = Activities.Message("", "msteams", conversation);
            install["type"] = "installationUpdate";
            install["action"] = "add";
            var joined = Activities.MembersAdded("msteams");
            joined["conversation"] = new JObject { ["id"] = conversation };

            var replies = await Task.WhenAll(app.SendAsync(install), app.SendAsync(joined));

            Assert.Single(replies.SelectMany(r => r.Messages()), m => ((string?)m["text"] ?? "").Contains("我读过 6 篇文章"));
        }
    }

    [Fact]
    public async Task Teams_puts_every_cited_passage_in_a_paragraph_of_its_own_so_each_marker_is_a_pill()
    {
        var answer = (await app.SendAsync(Activities.Message(SeedFacts.CadresQuestion, "msteams", "conv-pills-" + Guid.NewGuid().ToString("N")))).Messages()[0];
        var text = (string)answer["text"]!;
        var claims = answer["entities"]!.Single(e => (string?)e["type"] == "https://schema.org/Message")["citation"]!.Children().ToList();

        Assert.Equal(3, claims.Count);
        var paragraphs = text.Split("\n\n");
        for (int n = 1; n <= claims.Count; n++)
        {
            Assert.Equal(n, (int)claims[n - 1]["position"]!);
            var holder = Assert.Single(paragraphs, p => p.Contains($"[{n}]"));
            Assert.False(holder.TrimStart().StartsWith("- ", StringComparison.Ordinal), $"[{n}] is in a list item: {holder}");
            Assert.EndsWith($"[{n}]", holder.TrimEnd());
        }

        // Web Chat keeps the list, with reference definitions for its citations.
        var web = (string)(await app.SendAsync(Activities.Message(SeedFacts.CadresQuestion, "directline", "conv-pills-" + Guid.NewGuid().ToString("N")))).Messages()[0]["text"]!;
        Assert.Contains("\n- ", web);
        Assert.Contains("[2]: http", web);
    }

    [Fact]
    public async Task Teams_installation_gets_the_welcome()
    {
        var install = Activities.Message("", "msteams");
        install["type"] = "installationUpdate";
        install["action"] = "add";
        var replies = (await app.SendAsync(install)).Messages();
        Assert.Contains("我读过 6 篇文章", (string?)replies[0]["text"]);
    }

    [Fact]
    public async Task Question_gets_typing_then_bold_answer_quoted_passage_title_and_link()
    {
        var replies = await app.SendAsync(Activities.Message(SeedFacts.TotalQuestion));

        Assert.Equal("typing", (string?)replies[0]["type"]);
        var answer = replies.Messages()[0];
        var text = (string)answer["text"]!;
        Assert.Equal("markdown", (string?)answer["textFormat"]);
        Assert.StartsWith("**4901亿元**", text);
        Assert.Contains("总签约额接近5000亿元(达到**4901亿元**)", text);
        Assert.Contains("——《500个项目近5000亿签约额 达目标》", text);
        Assert.Matches(@"\[查看原文\]\(http://localhost/articles/a[0-9a-f]{10}\?p=p[0-9a-f]{12}&a=4901%E4%BA%BF%E5%85%83#p[0-9a-f]{12}\)", text);
        Assert.Contains("相关段落：", text);

        // Suggested follow-ups come on their own short message.
        var followUps = replies.Messages()[1];
        Assert.Contains(followUps["suggestedActions"]!["actions"]!, a => (string?)a["value"] == "更多");
    }

    [Fact]
    public async Task Web_chat_citations_are_reference_definitions_paired_with_the_entity()
    {
        var answer = (await app.SendAsync(Activities.Message(SeedFacts.CadresQuestion, "webchat"))).Messages()[0];
        var text = (string)answer["text"]!;

        Assert.Contains("”[1]", text);
        Assert.Matches(@"\n\[1\]: http://localhost/articles/\S+ ""2546名龙江干部赴粤学习 取真经""", text);
        var claims = answer["entities"]!.Single(e => (string?)e["type"] == "https://schema.org/Message")["citation"]!.Children().ToList();
        Assert.Equal(1, (int)claims[0]["position"]!);
        Assert.Equal("Claim", (string?)claims[0]["@type"]);
        Assert.Equal("DigitalDocument", (string?)claims[0]["appearance"]!["@type"]);
        Assert.Contains($"[{claims.Count}]: ", text);
    }

    [Fact]
    public async Task Teams_citations_are_the_schema_org_entity_with_markers_and_feedback_on()
    {
        var answer = (await app.SendAsync(Activities.Message(SeedFacts.CadresQuestion, "msteams"))).Messages()[0];
        var text = (string)answer["text"]!;

        Assert.Contains("[1]", text);
        Assert.DoesNotContain("[1]: ", text);
        var entity = answer["entities"]!.Single(e => (string?)e["type"] == "https://schema.org/Message");
        Assert.Equal("Message", (string?)entity["@type"]);
        Assert.Equal("https://schema.org", (string?)entity["@context"]);
        var claims = entity["citation"]!.Children().ToList();
        Assert.InRange(claims.Count, 1, 10);
        Assert.All(claims, c =>
        {
            Assert.InRange(((string)c["appearance"]!["name"]!).Length, 1, 80);
            Assert.InRange(((string)c["appearance"]!["abstract"]!).Length, 1, 160);
        });
        Assert.Contains("2546名干部", (string)claims[0]["appearance"]!["abstract"]!);
        Assert.Equal("default", (string?)answer["channelData"]!["feedbackLoop"]!["type"]);
    }

    [Theory]
    [InlineData("帮助", true)]
    [InlineData("help", true)]
    [InlineData("   ", false)]
    public async Task Help_explains_what_it_can_do_and_offers_questions(string text, bool asked)
    {
        var replies = (await app.SendAsync(Activities.Message(text))).Messages();
        Assert.Contains("用中文直接提问", (string?)replies[0]["text"]);
        Assert.Contains("更多", (string?)replies[0]["text"]);
        Assert.Null(replies[0]["suggestedActions"]);

        // Asked for help: the example questions follow as buttons, on their own message (Teams
        // shows a message that carries buttons as plain text). An empty message gets the help alone.
        Assert.Equal(asked ? 2 : 1, replies.Count);
        if (asked)
        {
            var actions = replies[1]["suggestedActions"]!["actions"]!.Children().ToList();
            Assert.Equal(3, actions.Count);
            Assert.Contains(actions, a => (string?)a["value"] == SeedFacts.TotalQuestion);
        }
    }

    [Fact]
    public async Task More_shows_the_next_passages_of_the_last_question()
    {
        var conversation = "conv-more-" + Guid.NewGuid().ToString("N");
        var first = (await app.SendAsync(Activities.Message(SeedFacts.TotalQuestion, conversation: conversation))).Messages()[0];
        var moreReplies = (await app.SendAsync(Activities.Message("更多", conversation: conversation))).Messages();
        var more = moreReplies[0];
        var moreText = (string)more["text"]!;

        // Then the buttons: 更多 again while passages remain, and other questions.
        Assert.Equal(2, moreReplies.Count);
        var actions = moreReplies[1]["suggestedActions"]!["actions"]!.Children().Select(a => (string?)a["value"]).ToList();
        Assert.Contains("更多", actions);
        Assert.DoesNotContain(SeedFacts.TotalQuestion, actions);

        Assert.Contains("的更多相关段落", moreText);
        var shownFirst = first["entities"]![0]!["citation"]!.Select(c => (string)c["appearance"]!["url"]!).Select(u => u.Split('#')[1]).ToHashSet();
        var shownMore = more["entities"]![0]!["citation"]!.Select(c => (string)c["appearance"]!["url"]!).Select(u => u.Split('#')[1]).ToList();
        Assert.NotEmpty(shownMore);
        Assert.DoesNotContain(shownMore, shownFirst.Contains);
    }

    [Fact]
    public async Task More_without_a_question_asks_for_one()
    {
        var reply = (await app.SendAsync(Activities.Message("更多", conversation: "conv-fresh-" + Guid.NewGuid().ToString("N")))).Messages().Single();
        Assert.Contains("请先提一个问题", (string?)reply["text"]);
    }

    [Fact]
    public async Task Not_found_says_so_and_offers_the_closest_passages()
    {
        var replies = (await app.SendAsync(Activities.Message("北京与上海签约了多少个合作项目？"))).Messages();
        var text = (string)replies[0]["text"]!;

        Assert.StartsWith("没有在文章中找到这个问题的答案", text);
        Assert.Contains("[1]", text);
        Assert.DoesNotContain("**", text);
        Assert.Single(replies);
    }

    [Fact]
    public async Task Teams_mention_is_removed_before_the_question_is_read()
    {
        var activity = Activities.Message("<at>CoopBot</at> 有多少名干部赴广东学习培训？", "msteams");
        activity["conversation"]!["conversationType"] = "groupChat";
        activity["entities"] = new JArray(new JObject
        {
            ["type"] = "mention",
            ["text"] = "<at>CoopBot</at>",
            ["mentioned"] = new JObject { ["id"] = "coopbot", ["name"] = "CoopBot" },
        });

        var answer = (await app.SendAsync(activity)).Messages()[0];

        Assert.StartsWith("**2546名**", (string?)answer["text"]);
    }

    [Fact]
    public async Task Teams_feedback_invoke_is_answered_200_and_recorded_with_its_answer()
    {
        var conversation = "conv-feedback-" + Guid.NewGuid().ToString("N");
        var answer = (await app.SendAsync(Activities.Message(SeedFacts.CadresQuestion, "msteams", conversation))).Messages()[0];

        var invoke = Activities.Message("", "msteams", conversation);
        invoke["type"] = "invoke";
        invoke["name"] = "message/submitAction";
        invoke["replyToId"] = answer["id"];
        invoke["value"] = new JObject
        {
            ["actionName"] = "feedback",
            ["actionValue"] = new JObject { ["reaction"] = "like", ["feedback"] = "{\"feedbackText\":\"很准确\"}" },
        };
        using var client = app.CreateClient();
        var response = await client.PostAsync("/api/messages", new StringContent(invoke.ToString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var vote = app.Votes().Last();
        Assert.Equal("like", vote.Reaction);
        Assert.Equal("很准确", vote.Feedback);
        Assert.Equal(SeedFacts.CadresQuestion, vote.Question);
        Assert.Equal(SeedFacts.CadresAnswer, vote.Answer);
        Assert.Equal("msteams", vote.Channel);
        Assert.NotEmpty(vote.PassageIds);
        Assert.True(DateTimeOffset.UtcNow - vote.Time < TimeSpan.FromMinutes(5));

        // The conversation id is kept only as a keyed hash: the log cannot be joined to a Teams chat by its id.
        Assert.NotNull(vote.Conversation);
        Assert.DoesNotContain(conversation, vote.Conversation);
        Assert.False(app.DatabaseFilesContain(conversation));
        Assert.True(app.DatabaseFilesContain("很准确"), "the check above would not see text in the log");
    }

    [Fact]
    public async Task Answers_in_a_conversation_do_not_leak_into_another()
    {
        await app.SendAsync(Activities.Message(SeedFacts.TotalQuestion, conversation: "conv-a-" + Guid.NewGuid().ToString("N")));
        var other = (await app.SendAsync(Activities.Message("更多", conversation: "conv-b-" + Guid.NewGuid().ToString("N")))).Messages().Single();
        Assert.Contains("请先提一个问题", (string?)other["text"]);
    }
}

/// <summary>With Bot Service credentials configured, only calls carrying its tokens get in.</summary>
[Trait("Category", "Integration")]
public class BotAuthenticationTests
{
    [Fact]
    public async Task With_credentials_set_an_unauthenticated_call_gets_401()
    {
        using var app = BotAppFactory.With(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "MultiTenant",
            ["MicrosoftAppId"] = "11111111-2222-3333-4444-555555555555",
            ["MicrosoftAppPassword"] = "not-a-real-secret",
            ["CoopBot:PublicUrl"] = "https://coopbot.example.org",
        });
        using var client = app.CreateClient();

        var response = await client.PostAsync("/api/messages", new StringContent(Activities.Message(SeedFacts.CadresQuestion).ToString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Without_credentials_local_calls_are_answered()
    {
        using var app = new BotAppFactory();
        var replies = await app.SendAsync(Activities.Message(SeedFacts.CadresQuestion));
        Assert.StartsWith("**2546名**", (string?)replies.Messages()[0]["text"]);
    }
}
