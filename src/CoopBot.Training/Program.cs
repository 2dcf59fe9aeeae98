using CoopBot.Training;

// Trains the reader's two models from the public reading-comprehension data and writes them to
// models/reader (see models/reader/README.md): `dotnet run -c Release --project src/CoopBot.Training`.
string data = "../shared/benchmarks/reader-train", output = "models/reader";
string? evaluate = null;
int folds = 0;
string? foldsOut = null;
if (args.Length > 0 && args[0] == "synonyms")
{
    // Builds the engine's synonym table from CC-CEDICT (see models/synonyms/README.md).
    if (args.Length != 3)
    {
        Console.Error.WriteLine("usage: CoopBot.Training synonyms PATH/TO/cc-cedict/data/all.js OUTPUT.tsv");
        return 2;
    }

    try
    {
        var (senses, words) = SynonymTable.Build(args[1], args[2]);
        Console.WriteLine($"wrote {args[2]}: {senses} shared senses over {words} words");
        return 0;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException)
    {
        Console.Error.WriteLine("Building the synonym table failed: " + e.Message);
        return 1;
    }
}

var options = new TrainingOptions();
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--data" when i + 1 < args.Length:
            data = args[++i];
            break;
        case "--evaluate" when i + 1 < args.Length:
            evaluate = args[++i];
            break;
        case "--cross-validate" when i + 1 < args.Length && int.TryParse(args[i + 1], out var k) && k >= 2:
            folds = k;
            i++;
            break;
        case "--per-question" when i + 1 < args.Length:
            foldsOut = args[++i];
            break;
        case "--out" when i + 1 < args.Length:
            output = args[++i];
            break;
        case "--iterations" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n):
            options = options with { Iterations = n };
            i++;
            break;
        case "--leaves" when i + 1 < args.Length && int.TryParse(args[i + 1], out var leaves) && leaves > 1:
            options = options with { Leaves = leaves };
            i++;
            break;
        case "--negatives" when i + 1 < args.Length && int.TryParse(args[i + 1], out var negatives) && negatives > 0:
            options = options with { NegativesPerQuestion = negatives };
            i++;
            break;
        case "--seed" when i + 1 < args.Length && int.TryParse(args[i + 1], out var seed):
            options = options with { NegativeSeed = seed };
            i++;
            break;
        case "--limit" when i + 1 < args.Length && int.TryParse(args[i + 1], out var limit):
            options = options with { Limit = limit };
            i++;
            break;
        default:
            Console.Error.WriteLine("usage: CoopBot.Training [--data DIR] [--out DIR] [--iterations N] [--leaves N] [--negatives N] [--seed N] [--limit N] | [--evaluate MODELDIR] | [--cross-validate K [--per-question FILE]]");
            return 2;
    }
}

try
{
    var examples = ReadingData.Load(data, Console.WriteLine);
    if (evaluate is not null)
    {
        // The figures of trained models on the validation articles, without training.
        var held = examples.Where(ReadingData.IsValidation).Take(options.Limit > 0 ? options.Limit : int.MaxValue).ToList();
        var f = new ReaderTrainer(Console.WriteLine).Evaluate(held, CoopBot.Engine.Reading.ReaderModels.Load(evaluate));
        Console.WriteLine($"validation: {f.Questions} questions, span EM {Scoring.Format(f.Em)}, F1 {Scoring.Format(f.F1)}, refusal accuracy {f.RefusalAccuracy:P1}");
        return 0;
    }

    if (folds > 0)
    {
        // The span ranker's figures over all the data, each article scored by a ranker that did not see it.
        var (em, f1, perQuestion) = new ReaderTrainer(Console.WriteLine).CrossValidate(examples, options, folds);
        Console.WriteLine($"cross-validation, {folds} folds by article: {perQuestion.Count} questions, span EM {Scoring.Format(em)}, F1 {Scoring.Format(f1)}");
        if (foldsOut is not null)
        {
            File.WriteAllLines(foldsOut, perQuestion.Select(x => FormattableString.Invariant($"{x.Id}\t{x.Em}\t{x.F1:F4}")));
        }

        return 0;
    }

    var provenance = new Dictionary<string, object>
    {
        ["data"] = ReadingData.Files.ToDictionary(f => f.Key, f => (object)f.Value),
        ["command"] = "dotnet run -c Release --project src/CoopBot.Training -- --data ../shared/benchmarks/reader-train --out models/reader",
    };
    var figures = new ReaderTrainer(Console.WriteLine).Train(examples, output, options, provenance);
    Console.WriteLine($"validation: {figures.Questions} questions, span EM {Scoring.Format(figures.Em)}, F1 {Scoring.Format(figures.F1)}, refusal accuracy {figures.RefusalAccuracy:P1}");
    return 0;
}
catch (Exception e) when (e is FileNotFoundException or InvalidDataException or DirectoryNotFoundException)
{
    Console.Error.WriteLine("Training failed: " + e.Message);
    return 1;
}
