using System.Text.RegularExpressions;

namespace Chronicle.Core.Learning.Import;

/// <summary>
/// Walks a document's lines once, keeping track of the section, theme, finding and numbered group it is in, and
/// collects the items in document order.
/// </summary>
internal sealed partial class BriefReader(IReadOnlyList<DocumentLine> lines)
{
    private enum ItemKind { Finding, Lesson, Recommendation, Action, GoodPractice }

    private sealed class Draft(ItemKind kind, string? number)
    {
        public ItemKind Kind { get; } = kind;
        public string? Number { get; } = number;
        public List<string> Parts { get; } = [];
        public List<string> Know { get; } = [];
        public IReadOnlyList<string> Recommendations { get; init; } = [];
        public string? FindingNumber { get; init; }
        public string? Heading { get; init; }
        public string? Owner { get; set; }
        public string? Deadline { get; set; }
        public string Text => DocumentLines.Collapse(string.Join(' ', Parts));
        public string? HowWeWillKnow => Know.Count == 0 ? null : DocumentLines.Collapse(string.Join(' ', Know));
    }

    private readonly List<Draft> _items = [];
    private readonly List<string> _summary = [];
    private readonly List<string> _focus = [];
    private string? _focusSubject;
    private string? _focusSubjectAsWritten;

    private SectionKind _section = SectionKind.Unknown;
    private string? _heading;
    private string? _finding;
    private string? _group;
    private int _groupCount;

    // The item still open to the lines that follow it; a labelled item takes every line up to the next heading.
    private Draft? _open;
    private bool _openIsLabelled;

    // Paragraphs in a list section are its items only if the section turns out to have no bullets.
    private readonly List<Draft> _tentative = [];
    private bool _sectionHasBullets;

    // Which recommendations an action answers: those since the previous actions block or response.
    private readonly List<string> _recsSinceActions = [];
    private readonly List<string> _recsSinceResponse = [];
    private IReadOnlyList<string> _lastResponseTargets = [];
    private readonly List<Draft> _actionsBlock = [];
    private IReadOnlyList<string> _blockTargets = [];
    private string? _blockOwner;

    public ImportedBrief Read(string title)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            switch (line.Kind)
            {
                case LineKind.Heading: OnHeading(line, i); break;
                case LineKind.Label: OnLabel(line); break;
                case LineKind.Group: OnGroup(line); break;
                case LineKind.Bullet: OnBullet(line); break;
                case LineKind.Text: OnText(line); break;
                case LineKind.TableRow: i = OnTable(i); break;
            }
        }
        EndSection();

        return new ImportedBrief(
            title,
            Of(ItemKind.Finding).Select(d => new ImportedFinding(d.Number, d.Text, d.Heading)).ToList(),
            Of(ItemKind.Lesson).Select(d => new ImportedLesson(d.Number, d.Text, d.FindingNumber, d.Heading)).ToList(),
            Of(ItemKind.Recommendation).Select(d => new ImportedRecommendation(d.Number, d.Text, d.FindingNumber, d.Heading)).ToList(),
            Of(ItemKind.Action).Select(d => new ImportedAction(d.Number, d.Text, d.Recommendations, d.FindingNumber, d.Heading,
                d.Owner, d.Deadline, d.HowWeWillKnow)).ToList(),
            Of(ItemKind.GoodPractice).Select(d => new ImportedGoodPractice(d.Number, d.Text, d.Heading)).ToList(),
            [],
            Paragraphs(_summary),
            _focusSubject is null && _focus.Count == 0 ? null : Paragraphs([.. new[] { _focusSubject }.OfType<string>(), .. _focus]));
    }

    /// <summary>The summary and focus in the document's own words, for theme evidence (the focus subject is recased).</summary>
    public IEnumerable<string> NarrativeAsWritten =>
        new[] { _focusSubjectAsWritten }.OfType<string>().Concat(_summary).Concat(_focus);

    private IEnumerable<Draft> Of(ItemKind kind) => _items.Where(d => d.Kind == kind && d.Text.Length > 0);

    private static string? Paragraphs(List<string> paragraphs) => paragraphs.Count == 0 ? null : string.Join("\n\n", paragraphs);

    private void OnHeading(DocumentLine line, int index)
    {
        Close();
        if (line.Style == HeadingStyle.Theme)
        {
            EndSection();
            _section = SectionKind.Unknown;
            _heading = line.Text;
            _finding = null;
            return;
        }

        var kind = SectionHeadings.Classify(line.Text);
        switch (kind)
        {
            case SectionKind.Actions:
                EndSection();
                _section = kind;
                _blockOwner = SectionHeadings.ActionOwner(line.Text);
                _blockTargets = [.. _recsSinceActions];
                _recsSinceActions.Clear();
                return;
            case SectionKind.HowWeWillKnow:
                var block = _section == SectionKind.Actions ? _actionsBlock.ToList() : [];
                EndSection();
                _actionsBlock.AddRange(block);
                _section = kind;
                return;
            case SectionKind.Unknown:
                var next = DocumentLines.NextContent(lines, index);
                var headsList = next >= 0 && lines[next].Kind == LineKind.Bullet && IsListSection(_section);
                if (line.Style == HeadingStyle.Sub || headsList)
                {
                    // A sub-heading inside a section (Dorset's "Referrals, Process and Practice") labels what follows.
                    if (_section is SectionKind.Actions or SectionKind.HowWeWillKnow)
                    {
                        EndSection();
                        _section = SectionKind.Unknown;
                    }
                    _heading = line.Text;
                    _group = null;
                    return;
                }
                EndSection();
                _section = SectionKind.Unknown;
                _heading = line.Text;
                _finding = null;
                return;
            default:
                EndSection();
                _section = kind;
                _heading = null;
                _finding = null;
                if (kind == SectionKind.Focus && SectionHeadings.FocusSubject(line.Text) is { } subject)
                {
                    _focusSubjectAsWritten = subject;
                    _focusSubject = Casing.SentenceCase(subject);
                }
                return;
        }
    }

    private void OnLabel(DocumentLine line)
    {
        Close();
        if (_section is SectionKind.Actions or SectionKind.HowWeWillKnow)
        {
            EndSection();
            _section = SectionKind.Unknown;
        }
        Draft draft;
        switch (line.Label)
        {
            case "finding":
                _finding = line.Number;
                draft = new Draft(ItemKind.Finding, line.Number) { Heading = _heading };
                break;
            case "recommendation":
                draft = new Draft(ItemKind.Recommendation, line.Number) { FindingNumber = _finding, Heading = _heading };
                NoteRecommendation(line.Number);
                break;
            case "action":
                draft = new Draft(ItemKind.Action, line.Number)
                {
                    Recommendations = [.. _recsSinceActions],
                    FindingNumber = _finding,
                    Heading = _heading,
                };
                break;
            default:
                draft = new Draft(ItemKind.Lesson, line.Number) { FindingNumber = _finding, Heading = _heading };
                break;
        }
        if (line.Text.Length > 0) draft.Parts.Add(line.Text);
        _items.Add(draft);
        _open = draft;
        _openIsLabelled = true;
    }

    private void OnGroup(DocumentLine line)
    {
        Close();
        _heading = line.Text;
        _group = line.Number;
        _groupCount = 0;
    }

    private void OnBullet(DocumentLine line)
    {
        if (_openIsLabelled)
        {
            _open!.Parts.Add(line.Text);
            return;
        }
        switch (_section)
        {
            case SectionKind.Findings or SectionKind.Lessons or SectionKind.GoodPractice or SectionKind.Recommendations:
                if (!_sectionHasBullets)
                {
                    // What came before the first bullet was the section's introduction.
                    _items.RemoveAll(_tentative.Contains);
                    _tentative.Clear();
                    _sectionHasBullets = true;
                }
                var number = line.Number ?? (_group is null ? null : $"{_group}.{++_groupCount}");
                var item = Add(ItemFor(_section), number);
                item.Parts.Add(line.Text);
                _open = item;
                if (_section == SectionKind.Recommendations) NoteRecommendation(number);
                return;
            case SectionKind.Actions:
                _open = AddAction(line.Text);
                return;
            case SectionKind.HowWeWillKnow:
                foreach (var action in _actionsBlock) action.Know.Add(line.Text);
                return;
            case SectionKind.Summary:
                _summary.Add(line.Text);
                return;
            case SectionKind.Focus:
                _focus.Add(line.Text);
                return;
            default:
                _open = null;
                return;
        }
    }

    private void OnText(DocumentLine line)
    {
        if (_open?.Kind == ItemKind.Action && ActionDetail().Match(line.Text) is { Success: true } detail)
        {
            var field = detail.Groups["field"].Value.ToLowerInvariant();
            var value = detail.Groups["value"].Value.Trim();
            if (field.StartsWith("how", StringComparison.Ordinal)) _open.Know.Add(value);
            else if (field is "deadline" or "timescale" or "by when" or "target date") _open.Deadline = value;
            else _open.Owner = value;
            return;
        }
        if (_openIsLabelled || (_open is not null && Continues(_open.Parts[^1], line)))
        {
            _open!.Parts.Add(line.Text);
            return;
        }
        switch (_section)
        {
            case SectionKind.Summary:
                AddParagraph(_summary, line);
                return;
            case SectionKind.Focus:
                AddParagraph(_focus, line);
                return;
            case SectionKind.Findings or SectionKind.Lessons or SectionKind.GoodPractice or SectionKind.Recommendations
                when !_sectionHasBullets:
                _open = Add(ItemFor(_section), null);
                _open.Parts.Add(line.Text);
                _tentative.Add(_open);
                return;
            case SectionKind.Recommendations:
                // Under a scrutineer's outcomes, the plain paragraphs are the partnership's responses to them.
                if (_recsSinceResponse.Count > 0)
                {
                    _lastResponseTargets = [.. _recsSinceResponse];
                    _recsSinceResponse.Clear();
                }
                _open = new Draft(ItemKind.Action, null) { Recommendations = _lastResponseTargets, Heading = _heading };
                _open.Parts.Add(line.Text);
                _items.Add(_open);
                return;
            case SectionKind.Actions:
                _open = AddAction(line.Text);
                return;
            case SectionKind.HowWeWillKnow:
                foreach (var action in _actionsBlock) action.Know.Add(line.Text);
                return;
            case SectionKind.Unknown when Recommending().IsMatch(line.Text):
                _open = Add(ItemKind.Recommendation, null);
                _open.Parts.Add(line.Text);
                NoteRecommendation(null);
                return;
            case SectionKind.Unknown when IntroducesOutcomes().IsMatch(line.Text):
                EndSection();
                _section = SectionKind.Recommendations;
                _heading = null;
                return;
            default:
                _open = null;
                return;
        }
    }

    private int OnTable(int start)
    {
        Close();
        var end = start;
        while (end + 1 < lines.Count && lines[end + 1].Kind is LineKind.TableRow or LineKind.Blank) end++;
        while (lines[end].Kind == LineKind.Blank) end--;
        if (_section != SectionKind.Ignore)
        {
            var rows = lines.Skip(start).Take(end - start + 1).Where(l => l.Kind == LineKind.TableRow).Select(l => l.Raw).ToList();
            foreach (var row in ActionTable.Read(rows))
            {
                var action = new Draft(ItemKind.Action, null)
                {
                    Heading = row.Heading ?? _heading,
                    Owner = row.Owner,
                    Deadline = row.Deadline,
                    Parts = { row.Text },
                };
                if (row.HowWeWillKnow is not null) action.Know.Add(row.HowWeWillKnow);
                _items.Add(action);
            }
        }
        return end;
    }

    private Draft Add(ItemKind kind, string? number)
    {
        var draft = new Draft(kind, number) { FindingNumber = _finding, Heading = _heading };
        _items.Add(draft);
        return draft;
    }

    private Draft AddAction(string text)
    {
        var draft = new Draft(ItemKind.Action, null)
        {
            Recommendations = _blockTargets,
            FindingNumber = _finding,
            Heading = _heading,
            Owner = _blockOwner,
        };
        draft.Parts.Add(text);
        _items.Add(draft);
        _actionsBlock.Add(draft);
        return draft;
    }

    private void NoteRecommendation(string? number)
    {
        if (number is null) return;
        _recsSinceActions.Add(number);
        _recsSinceResponse.Add(number);
    }

    private void Close()
    {
        _open = null;
        _openIsLabelled = false;
    }

    private void EndSection()
    {
        Close();
        _tentative.Clear();
        _sectionHasBullets = false;
        _group = null;
        _recsSinceResponse.Clear();
        _lastResponseTargets = [];
        _actionsBlock.Clear();
        _blockOwner = null;
    }

    private static bool IsListSection(SectionKind kind) =>
        kind is SectionKind.Findings or SectionKind.Lessons or SectionKind.GoodPractice or SectionKind.Recommendations;

    private static ItemKind ItemFor(SectionKind kind) => kind switch
    {
        SectionKind.Findings => ItemKind.Finding,
        SectionKind.Lessons => ItemKind.Lesson,
        SectionKind.GoodPractice => ItemKind.GoodPractice,
        _ => ItemKind.Recommendation,
    };

    // A sentence cut by a page or column break: the line before stops mid-sentence and this one carries on in lower case.
    private static bool Continues(string before, DocumentLine line) =>
        (line.Indented && !line.AfterBlank) ||
        (!DocumentLines.EndsSentence(before) && line.Text.Length > 0 && char.IsLower(line.Text[0]));

    private static void AddParagraph(List<string> paragraphs, DocumentLine line)
    {
        if (paragraphs.Count > 0 && Continues(paragraphs[^1], line)) paragraphs[^1] += " " + line.Text;
        else paragraphs.Add(line.Text);
    }

    [GeneratedRegex(@"\b(?<!\bnot\s+(?:\w+\s+)?)(recommend(s|ing|ed)?)\s+that\b", RegexOptions.IgnoreCase)]
    private static partial Regex Recommending();

    // "Owner: Health", "Deadline – March 2026", "How will we know: …" on the lines under an action.
    [GeneratedRegex(@"^(?<field>owner|lead|lead agency|lead officer|responsible|deadline|timescale|by when|target date|how (will we|we will) know)\s*[:\-–]\s*(?<value>\S.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex ActionDetail();

    [GeneratedRegex(@"\bfollowing\s+(outcomes|recommendations)\s*:\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex IntroducesOutcomes();
}
