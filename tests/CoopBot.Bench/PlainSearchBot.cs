using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Bot.Builder;

namespace CoopBot.Bench;

/// <summary>
/// The peer of issue 12's chat benchmark: a plain search bot on the same Bot Builder stack. It keeps
/// SmartCn BM25 over the lines of the seed pages in memory, and for each message it quotes the best
/// line in one reply. This is what a chat costs when it only searches, so CoopBot's answering with the
/// cache off is measured against it.
/// </summary>
internal sealed class PlainSearchBot : ActivityHandler, IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private readonly Analyzer _analyzer = new SmartChineseAnalyzer(Version);
    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    public PlainSearchBot(string seedsDir)
    {
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(Version, _analyzer)))
        {
            foreach (var file in System.IO.Directory.GetFiles(seedsDir))
            {
                foreach (var line in File.ReadLines(file).Select(l => l.Trim()).Where(l => l.Length > 0))
                {
                    writer.AddDocument(new Document { new TextField("text", line, Field.Store.YES) });
                }
            }

            writer.Commit();
        }

        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader);
    }

    protected override Task OnMessageActivityAsync(ITurnContext<Microsoft.Bot.Schema.IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var query = new BooleanQuery();
        using (var tokens = _analyzer.GetTokenStream("text", turnContext.Activity.Text ?? ""))
        {
            var term = tokens.AddAttribute<ICharTermAttribute>();
            tokens.Reset();
            while (tokens.IncrementToken() && query.Clauses.Count < 64)
            {
                query.Add(new TermQuery(new Term("text", term.ToString())), Occur.SHOULD);
            }

            tokens.End();
        }

        var top = _searcher.Search(query, 1).ScoreDocs;
        var reply = top.Length == 0 ? "没有找到相关内容。" : "“" + _searcher.Doc(top[0].Doc).Get("text") + "”";
        return turnContext.SendActivityAsync(MessageFactory.Text(reply), cancellationToken);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
