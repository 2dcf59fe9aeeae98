using Lucene.Net.Store;

namespace CoopBot.Engine.Indexing;

/// <summary>
/// The index's files on disk, read the way Elasticsearch's <c>hybridfs</c> store reads them: the small,
/// hot, randomly probed files (term dictionary and its index, norms, doc values, the stored-fields
/// index, segment metadata) memory-mapped; the bulk files (stored passage text and records, postings)
/// read with positional reads into Lucene's own buffers.
/// </summary>
/// <remarks>
/// Why: with everything memory-mapped, every page of stored text or postings a question ever touched
/// stays mapped into the bot and counts in its resident memory, which then grows with the share of
/// the archive that questions have read (566 of 856 MB at 1 GB, docs/benchmarks.md). Read with
/// positional reads, the same pages stay in the kernel's page cache, shared and reclaimable, and the
/// bot's own memory stays bounded. Writing is the same in both (FSDirectory's output).
/// </remarks>
internal sealed class HybridDirectory : NIOFSDirectory
{
    /// <summary>Extensions of the files that are memory-mapped (Lucene 4.x codecs).</summary>
    internal static readonly IReadOnlySet<string> Mapped = new HashSet<string>(StringComparer.Ordinal)
    {
        "tim", "tip", // terms dictionary and its index: probed per query term
        "nvd", "nvm", // norms
        "dvd", "dvm", // doc values (passage ordinals, article order, dates)
        "fdx",        // stored fields index: one probe per document read
        "si", "fnm", "liv", "cfs", "cfe",
    };

    private readonly MMapDirectory _mapped;

    public HybridDirectory(string path)
        : base(new DirectoryInfo(path))
    {
        _mapped = new MMapDirectory(new DirectoryInfo(path), NoLockFactory.GetNoLockFactory());
    }

    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        return Mapped.Contains(Extension(name)) ? _mapped.OpenInput(name, context) : base.OpenInput(name, context);
    }

    public override IndexInputSlicer CreateSlicer(string name, IOContext context)
    {
        EnsureOpen();
        return Mapped.Contains(Extension(name)) ? _mapped.CreateSlicer(name, context) : base.CreateSlicer(name, context);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _mapped.Dispose();
        }

        base.Dispose(disposing);
    }

    private static string Extension(string name)
    {
        int dot = name.LastIndexOf('.');
        return dot < 0 ? string.Empty : name[(dot + 1)..];
    }
}
