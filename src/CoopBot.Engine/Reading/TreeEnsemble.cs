using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoopBot.Engine.Reading;

/// <summary>
/// A boosted regression-tree ensemble (trained by LightGBM through ML.NET, exported to JSON) evaluated
/// here in plain C#: the bot needs no ML runtime, loads the model in a few milliseconds and scores a
/// candidate in about a microsecond. A node goes left when the feature is at most its threshold.
/// </summary>
public sealed class TreeEnsemble
{
    private readonly Tree[] _trees;

    // The trees laid out flat for scoring: every tree's internal nodes in one array (a node's four
    // fields side by side, one bounds check and one cache line per step, where four arrays per tree
    // took four), each tree's leaves times its weight in another, and where each tree starts. Scoring
    // the candidates took most of a question's reading (docs/benchmarks.md).
    private readonly Node[] _nodes;
    private readonly double[] _weightedLeaves;
    private readonly int[] _roots;

    private readonly record struct Node(int Feature, float Threshold, int Left, int Right);

    private TreeEnsemble(Tree[] trees, double bias, string[] features)
    {
        _trees = trees;
        Bias = bias;
        FeatureNames = features;
        var nodes = new List<Node>();
        var leaves = new List<double>();
        _roots = new int[trees.Length];
        for (int t = 0; t < trees.Length; t++)
        {
            var tree = trees[t];
            int nodeBase = nodes.Count, leafBase = leaves.Count;
            int Global(int child) => child >= 0 ? nodeBase + child : ~(leafBase + ~child);
            for (int i = 0; i < tree.Thresholds.Length; i++)
            {
                nodes.Add(new Node(tree.Features[i], tree.Thresholds[i], Global(tree.Left[i]), Global(tree.Right[i])));
            }

            // The weight times the leaf, as Score multiplied them: the same double, so the same sums.
            leaves.AddRange(tree.Leaves.Select(v => tree.Weight * v));
            _roots[t] = tree.Thresholds.Length == 0 ? ~leafBase : nodeBase;
        }

        _nodes = [.. nodes];
        _weightedLeaves = [.. leaves];
    }

    /// <summary>Added to every score.</summary>
    public double Bias { get; }

    /// <summary>The names of the features, in the order the model reads them.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>How many trees.</summary>
    public int TreeCount => _trees.Length;

    /// <summary>The raw score (sum of the trees' leaf values times their weights, plus the bias).</summary>
    public double Score(ReadOnlySpan<float> features)
    {
        return Accumulate(features, 0, _trees.Length, Bias);
    }

    /// <summary>
    /// Adds trees <paramref name="from"/> to <paramref name="to"/> (exclusive) to <paramref name="sum"/>, in
    /// order: scoring in two stages from the bias adds the same numbers in the same order as
    /// <see cref="Score"/>, so the kept candidates' scores are exactly theirs.
    /// </summary>
    private double Accumulate(ReadOnlySpan<float> features, int from, int to, double sum)
    {
        to = Math.Min(to, _trees.Length);
        var nodes = _nodes;
        for (int i = Math.Max(0, from); i < to; i++)
        {
            int node = _roots[i];
            while (node >= 0)
            {
                ref readonly var n = ref nodes[node];
                node = features[n.Feature] <= n.Threshold ? n.Left : n.Right;
            }

            sum += _weightedLeaves[~node];
        }

        return sum;
    }

    /// <summary>
    /// The candidates worth a whole score, with it, scored in two stages (in no promised order: the
    /// caller sorts, with its own tie-break): every candidate by the first
    /// <paramref name="firstTrees"/> trees, then only the <paramref name="keep"/> best of those by the
    /// whole ensemble; the others are left out. Boosted trees add up, so the first trees already sort
    /// the hopeless spans (most of a passage's) to the bottom; the few that could be the answer get
    /// their exact score. With as few candidates as <paramref name="keep"/>, all get the whole ensemble.
    /// </summary>
    public List<(T Item, double Score)> Rank<T>(IReadOnlyList<T> items, Func<T, float[]> features, int firstTrees, int keep)
    {
        if (items.Count <= keep || firstTrees >= _trees.Length)
        {
            return items.Select(x => (x, Score(features(x)))).ToList();
        }

        var partial = new (int Index, double Score)[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            partial[i] = (i, Accumulate(features(items[i]), 0, firstTrees, Bias));
        }

        // Ties in the partial score keep the items' order, so the pick is deterministic.
        Array.Sort(partial, (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Index.CompareTo(b.Index));
        var result = new List<(T, double)>(keep);
        for (int i = 0; i < keep; i++)
        {
            var item = items[partial[i].Index];
            result.Add((item, Accumulate(features(item), firstTrees, _trees.Length, partial[i].Score)));
        }

        return result;
    }

    /// <summary>Reads a model written by <see cref="Write"/>.</summary>
    public static TreeEnsemble Read(Stream json)
    {
        var file = JsonSerializer.Deserialize<ModelFile>(json) ?? throw new InvalidDataException("The model file is empty.");
        var trees = file.Trees.Select(t =>
        {
            int n = t.Thresholds.Length;
            if (t.Features.Length != n || t.Left.Length != n || t.Right.Length != n || t.Leaves.Length != n + 1)
            {
                throw new InvalidDataException("A tree of the model file is malformed.");
            }

            foreach (var child in t.Left.Concat(t.Right))
            {
                if (child >= n || (child < 0 && ~child > n))
                {
                    throw new InvalidDataException($"A tree of the model file points to node {child}, which it does not have.");
                }
            }

            foreach (var f in t.Features)
            {
                if (f < 0 || f >= file.Features.Length)
                {
                    throw new InvalidDataException($"A tree of the model file reads feature {f}, which the file does not name.");
                }
            }

            return new Tree(t.Features, t.Thresholds, t.Left, t.Right, t.Leaves, t.Weight);
        }).ToArray();
        return new TreeEnsemble(trees, file.Bias, file.Features);
    }

    /// <summary>Writes a model as JSON.</summary>
    public static void Write(Stream json, IReadOnlyList<string> features, double bias, IEnumerable<(int[] Features, float[] Thresholds, int[] Left, int[] Right, double[] Leaves, double Weight)> trees, Dictionary<string, object>? card = null)
    {
        var file = new ModelFile
        {
            Features = [.. features],
            Bias = bias,
            Trees = trees.Select(t => new TreeFile { Features = t.Features, Thresholds = t.Thresholds, Left = t.Left, Right = t.Right, Leaves = t.Leaves, Weight = t.Weight }).ToList(),
            Card = card,
        };
        JsonSerializer.Serialize(json, file);
    }

    /// <summary>The same trees with every score moved by <paramref name="by"/> (a binary model's boundary moved to another operating point).</summary>
    public TreeEnsemble Shifted(double by) => new(_trees, Bias + by, [.. FeatureNames]);

    /// <summary>Writes this model again, under other feature names and with a card (data, figures).</summary>
    public void WriteTo(Stream json, IReadOnlyList<string> features, Dictionary<string, object>? card) =>
        Write(json, features, Bias, _trees.Select(t => (t.Features, t.Thresholds, t.Left, t.Right, t.Leaves, t.Weight)), card);

    /// <summary>One tree: internal nodes 0…n-1; a child index below zero is leaf ~index.</summary>
    private sealed class Tree(int[] features, float[] thresholds, int[] left, int[] right, double[] leaves, double weight)
    {
        public double Weight { get; } = weight;

        public int[] Features => features;

        public float[] Thresholds => thresholds;

        public int[] Left => left;

        public int[] Right => right;

        public double[] Leaves => leaves;
    }

    private sealed class ModelFile
    {
        [JsonPropertyName("features")]
        public string[] Features { get; set; } = [];

        [JsonPropertyName("bias")]
        public double Bias { get; set; }

        [JsonPropertyName("trees")]
        public List<TreeFile> Trees { get; set; } = [];

        [JsonPropertyName("card")]
        public Dictionary<string, object>? Card { get; set; }
    }

    private sealed class TreeFile
    {
        [JsonPropertyName("f")]
        public int[] Features { get; set; } = [];

        [JsonPropertyName("t")]
        public float[] Thresholds { get; set; } = [];

        [JsonPropertyName("l")]
        public int[] Left { get; set; } = [];

        [JsonPropertyName("r")]
        public int[] Right { get; set; } = [];

        [JsonPropertyName("v")]
        public double[] Leaves { get; set; } = [];

        [JsonPropertyName("w")]
        public double Weight { get; set; } = 1;
    }
}
