using System.Text.RegularExpressions;

namespace Chronicle.Core.Learning.Import;

/// <summary>One action read from a row of an action table.</summary>
internal sealed record TableAction(string Text, string? Heading, string? Owner, string? Deadline, string? HowWeWillKnow);

/// <summary>
/// Reads an action plan table converted to tab-separated rows whose cells hold HTML paragraphs, such as Cumbria's
/// "How we will disseminate and evidence the learning". Columns are found by their header, not their position.
/// </summary>
internal static partial class ActionTable
{
    public static IReadOnlyList<TableAction> Read(IEnumerable<string> rows)
    {
        var cells = rows.Where(r => !RuleRow().IsMatch(r)).Select(Split).ToList();
        if (cells.Count < 2) return [];
        var header = cells[0].Select(DocumentLines.StripMarkup).ToList();
        var text = header.FindIndex(h => ActionColumn().IsMatch(h));
        if (text < 0) return [];
        var owner = header.FindIndex(h => OwnerColumn().IsMatch(h));
        var deadline = header.FindIndex(h => DeadlineColumn().IsMatch(h));
        var impact = header.FindIndex(h => ImpactColumn().IsMatch(h));
        // A leading column that is none of these groups the rows (the table's merged "Dissemination of the Learning" cells).
        var group = text > 0 && owner != 0 && deadline != 0 && impact != 0 ? 0 : -1;

        var actions = new List<TableAction>();
        string? heading = null;
        foreach (var row in cells.Skip(1))
        {
            if (group >= 0 && Joined(Cell(row, group)) is { } groupText) heading = groupText;
            var texts = Cell(row, text);
            var owners = Cell(row, owner);
            for (var i = 0; i < texts.Count; i++)
            {
                // Where a cell lists as many owners as actions, they go in the same order ("Training materials …" is
                // the Learning & Improvement Subgroup's, "Policies and procedures …" the Board's).
                var who = owners.Count == texts.Count ? owners[i] : Joined(owners, "; ");
                actions.Add(new TableAction(texts[i], heading, who, Joined(Cell(row, deadline)), Joined(Cell(row, impact))));
            }
        }
        return actions;
    }

    // Tab-separated from a Word table, or a Markdown pipe table.
    private static string[] Split(string row)
    {
        if (row.Contains('\t')) return row.Split('\t');
        var trimmed = row.Trim();
        return trimmed.Trim('|').Split('|');
    }

    private static List<string> Cell(string[] row, int column)
    {
        if (column < 0 || column >= row.Length) return [];
        return Paragraph().Split(row[column]).Select(DocumentLines.StripMarkup).Where(p => p.Length > 0).ToList();
    }

    private static string? Joined(List<string> paragraphs, string separator = " ") =>
        paragraphs.Count == 0 ? null : string.Join(separator, paragraphs);

    [GeneratedRegex(@"^\s*\|?[\s:|-]+\|?\s*$")]
    private static partial Regex RuleRow();

    [GeneratedRegex(@"</p>|<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex Paragraph();

    [GeneratedRegex(@"\baction", RegexOptions.IgnoreCase)]
    private static partial Regex ActionColumn();

    [GeneratedRegex(@"subgroup|agency|owner|lead|responsib|who", RegexOptions.IgnoreCase)]
    private static partial Regex OwnerColumn();

    [GeneratedRegex(@"deadline|by when|timescale|target date|date", RegexOptions.IgnoreCase)]
    private static partial Regex DeadlineColumn();

    [GeneratedRegex(@"impact|tested|how (will we|we will) know|evidence|measure", RegexOptions.IgnoreCase)]
    private static partial Regex ImpactColumn();
}
