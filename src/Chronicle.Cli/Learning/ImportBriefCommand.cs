using Chronicle.Core.Learning.Import;

namespace Chronicle.Cli.Learning;

/// <summary><c>import-brief FILE [--json]</c>: reads a learning document and shows the draft review it yields.</summary>
public static class ImportBriefCommand
{
    public const int Succeeded = 0;
    public const int CouldNotRead = 2;

    public static async Task<int> RunAsync(string file, bool json, TextWriter output, TextWriter error)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await error.WriteLineAsync($"Could not read the learning document \"{file}\": {e.Message}");
            return CouldNotRead;
        }

        var outcome = BriefImporter.Import(text);
        if (!outcome.Succeeded)
        {
            foreach (var problem in outcome.Errors) await error.WriteLineAsync($"Could not import \"{file}\": {problem.Message}");
            return CouldNotRead;
        }

        await output.WriteLineAsync(json ? outcome.Value!.ToJson(indented: true) : Outline(outcome.Value!));
        return Succeeded;
    }

    private static string Outline(ImportedBrief brief)
    {
        var text = new StringWriter();
        text.WriteLine(brief.Title.Length > 0 ? brief.Title : "(no title found)");
        if (brief.Summary is not null) Block(text, "Summary", brief.Summary);
        if (brief.Focus is not null) Block(text, "Focus", brief.Focus);

        Section(text, "Findings", brief.Findings.Select(f => Line(f.Number, f.Text, Where(f.Heading))));
        Section(text, "Lessons", brief.Lessons.Select(l => Line(l.Number, l.Text, Where(l.Heading, l.FindingNumber))));
        Section(text, "Recommendations", brief.Recommendations.Select(r => Line(r.Number, r.Text, Where(r.Heading, r.FindingNumber))));
        Section(text, "Actions", brief.Actions.Select(Action));
        Section(text, "Good practice", brief.GoodPractice.Select(g => Line(g.Number, g.Text, Where(g.Heading))));
        Section(text, "Suggested themes", brief.Themes.Select(t =>
            $"  - {t.Label} ({t.Code}), {t.Hits} mention{(t.Hits == 1 ? "" : "s")}: {string.Join(", ", t.Evidence.Select(e => $"\"{e}\""))}"));
        return text.ToString().TrimEnd();
    }

    private static void Block(StringWriter text, string title, string body)
    {
        text.WriteLine();
        text.WriteLine(title);
        foreach (var paragraph in body.Split("\n\n")) text.WriteLine("  " + paragraph);
    }

    private static void Section(StringWriter text, string title, IEnumerable<string> items)
    {
        var list = items.ToList();
        text.WriteLine();
        text.WriteLine($"{title} ({list.Count})");
        if (list.Count == 0) text.WriteLine("  None found");
        foreach (var item in list) text.WriteLine(item);
    }

    private static string Line(string? number, string text, string? where) =>
        $"  - {(number is null ? "" : number + ": ")}{text}{(where is null ? "" : $"\n      ({where})")}";

    private static string? Where(string? heading, string? finding = null)
    {
        var parts = new[] { heading is null ? null : "under " + heading, finding is null ? null : "finding " + finding };
        var said = parts.OfType<string>().ToList();
        return said.Count == 0 ? null : string.Join(", ", said);
    }

    private static string Action(ImportedAction action)
    {
        var line = Line(action.Number, action.Text, Where(action.Heading, action.FindingNumber));
        var details = new List<string>();
        if (action.RecommendationNumbers.Count > 0) details.Add("Answers recommendation " + string.Join(", ", action.RecommendationNumbers));
        if (action.Owner is not null) details.Add("Owner: " + action.Owner);
        if (action.Deadline is not null) details.Add("Deadline: " + action.Deadline);
        if (action.HowWeWillKnow is not null) details.Add("How we will know: " + action.HowWeWillKnow);
        return string.Concat(new[] { line }.Concat(details.Select(d => "\n      " + d)));
    }
}
