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

/// <summary>An action as a reader's list shows it: the action, and its children as they may see them.</summary>
public sealed record SeenAction(ActionView View, SeenChildren Children);

public static class ActionChildren
{
    /// <summary>Each action with the children the user may see named and the rest counted, the access asked once for all of them.</summary>
    public static async Task<IReadOnlyList<SeenAction>> SeenAsync(ChildAccess access, IReadOnlyList<ActionView> views, CancellationToken ct)
    {
        var all = views.SelectMany(v => v.Children).Select(c => c.Id).Distinct().ToList();
        var visible = all.Count == 0 ? [] : (await access.VisibleAmongAsync(all, ct)).Select(v => v.ChildId).ToHashSet();
        return [.. views.Select(v => new SeenAction(v, new SeenChildren([.. v.Children.Where(c => visible.Contains(c.Id))], v.Children.Count(c => !visible.Contains(c.Id)))))];
    }
}
