using Chronicle.Core.Actions;
using Chronicle.Web.Security;

namespace Chronicle.Web.TeamAroundChild;

/// <summary>
/// The children of an action as one reader may see them: those they may open, by name, and how many others it is about.
/// A child the reader may not see is counted, never named ("and 1 child you cannot see").
/// </summary>
public sealed record SeenChildren(IReadOnlyList<ActionChildName> Visible, int Hidden)
{
    public static readonly SeenChildren None = new([], 0);

    /// <summary>"Mia Carter, Alfie Carter", "Mia Carter and 1 child you cannot see", "2 children you cannot see"; empty for none.</summary>
    public string Text
    {
        get
        {
            var hidden = Hidden == 0 ? null : $"{Hidden} {(Hidden == 1 ? "child" : "children")} you cannot see";
            if (Visible.Count == 0) return hidden ?? "";
            var names = string.Join(", ", Visible.Select(v => v.Name));
            return hidden is null ? names : $"{names} and {hidden}";
        }
    }
}

/// <summary>
/// An action as a reader's list shows it: the action, and its children as they may see them. What it asks is
/// <see cref="Withheld"/> from a reader who may not read the entry it comes from (a health-restricted medical's action,
/// to the school lead in the team, or to the owner's manager in another agency): they see that there is one, and where from.
/// </summary>
public sealed record SeenAction(ActionView View, SeenChildren Children)
{
    public bool Withheld { get; init; }

    /// <summary>What the action asks, or, withheld, that it comes from an entry the reader may not read.</summary>
    public string Description => Withheld ? ActionView.WithheldText(View.SourceLabel) : View.Action.Description;
}

public static class ActionChildren
{
    /// <summary>Each action with the children the user may see named and the rest counted, the access asked once for all of them.</summary>
    /// <remarks>An action from an entry narrower than the team is read through a child the reader may see, as the entry is.</remarks>
    public static async Task<IReadOnlyList<SeenAction>> SeenAsync(ChildAccess access, IReadOnlyList<ActionView> views, CancellationToken ct)
    {
        var all = views.SelectMany(v => v.Children).Select(c => c.Id).Distinct().ToList();
        var visible = all.Count == 0 ? new Dictionary<Guid, VisibleChild>() : (await access.VisibleAmongAsync(all, ct)).ToDictionary(v => v.ChildId);
        var seen = new List<SeenAction>();
        foreach (var v in views)
        {
            var through = v.Children.Select(c => visible.GetValueOrDefault(c.Id)).OfType<VisibleChild>().ToList();
            var readable = v.SourceReach.IsTeam || await access.MayReadAnyAsync(through, v.SourceReach, ct);
            seen.Add(new SeenAction(v, new SeenChildren([.. v.Children.Where(c => visible.ContainsKey(c.Id))], v.Children.Count(c => !visible.ContainsKey(c.Id)))) { Withheld = !readable });
        }
        return seen;
    }
}
