namespace CoopBot.Engine.Tests;

/// <summary>The answer is what the question does not say: the question's own words at the ends of a span are cut where a particle or punctuation parts them from it.</summary>
public sealed class EchoTrimTests : IDisposable
{
    private readonly TextEngine _article = new(
        "资料摘录",
        "这家连锁书店在北京、上海和广州均设有分店，员工超过八百人。",
        "工厂生产的环氧丙烷大部分被转化为丙二醇，其余用于制造聚醚。",
        "该住宅区建成于1986年，又称东湖新村，是当年全市规模最大的住宅区。",
        "两省签订合作协议，推动14对职业院校建立结对关系。",
        "这家公司成立于2003年，总部位于上海浦东，在全国有二十多家分公司。",
        "这部长篇小说为吴沃尧所著，后来多次改编成戏曲。",
        "本届联赛在内地的比赛由东方卫视获得独家转播权，网络直播另行招标。",
        "选秀大会上，来自南京的中锋被北京首钢队选中，成为当年的状元秀。",
        "张伟后来改名为张志远，因为祖父认为旧名不够响亮。",
        "这座车站由南方铁道（南铁）所经营，是一座地面车站。",
        "新校区附近规划了商铺与2所幼稚园。",
        "去年，华南理工大学与建龙北满特殊钢有限责任公司合作开展模具钢关键技术研究。",
        "截至目前，核心启动区完成市政道路建设6公里；与万科合作共建人才社区。",
        "该集团是我国生产大中型发电设备的重点骨干企业，产品主要销往南方。",
        "两省通过产业园搭建平台，吸引更多项目入驻。",
        "推动横琴、前海两个合作区与自贸试验区的对接合作。",
        "第一次十字军东征由天主教会组织，历时三年。");

    [Theory]
    [InlineData("这家连锁书店在哪些城市设有分店？", "北京、上海和广州")]
    [InlineData("环氧丙烷大部分被转化成了什么？", "丙二醇")]
    [InlineData("东湖小区又称什么？", "东湖新村")] // shares 东湖 with the question, but nothing parts it from the answer
    [InlineData("有多少对职业院校建立了结对关系？", "14对")] // the unit the question asks in stays
    [InlineData("这家公司的总部在哪里？", "上海浦东")] // 位于 introduces the place
    [InlineData("这部长篇小说是谁著的？", "吴沃尧")] // not 吴沃尧所著
    [InlineData("内地哪个电视台获得了独家转播权？", "东方卫视")] // the question's verb right after the answer: not 东方卫视获得
    [InlineData("来自南京的中锋被哪支球队选中？", "北京首钢队")] // not 北京首钢队选中
    [InlineData("张伟为什么改名？", "祖父认为旧名不够响亮")] // 因为 introduces the reason
    [InlineData("这座车站由什么公司经营？", "南方铁道（南铁）")] // not …（南铁）所, the passive marker of 经营
    [InlineData("新校区附近规划了几所幼稚园？", "2所")] // 所 after a figure counts
    [InlineData("华南理工跟哪家企业合作开展模具钢研究？", "建龙北满特殊钢有限责任公司")] // the question names the body short of its 大学; 与 joins the other party
    [InlineData("去年谁与建龙北满特殊钢有限责任公司合作？", "华南理工大学")]
    [InlineData("核心启动区和谁合作共建人才社区？", "万科")] // 和谁 asks the other party: not 与万科
    [InlineData("该集团是生产啥的企业？", "大中型发电设备")] // what kind of 企业: the modifier before 的, not …的重点骨干
    [InlineData("两省通过什么搭建平台？", "产业园")] // SmartCn cuts 搭|建 here: not 产业园搭
    [InlineData("要推动哪两个合作区与自贸试验区对接？", "横琴、前海")] // not 横琴、前海两个: the count is the question's
    [InlineData("第一次十字军东征是由哪一个教会组织的？", "天主教")] // 天主教|会: the passage's words do not part 天主|教
    public void The_span_keeps_the_answer_and_drops_the_questions_own_words(string question, string answer) =>
        Assert.Equal(answer, _article.AnswerTo(question));

    public void Dispose() => _article.Dispose();
}
