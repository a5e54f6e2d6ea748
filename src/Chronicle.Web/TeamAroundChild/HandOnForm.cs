namespace Chronicle.Web.TeamAroundChild;

/// <summary>
/// The form that hands an action on (to whom, and why), posted to <paramref name="Page"/>'s handOn handler: the same on My
/// actions and on a case's closure, each saying its own hint, size and, for a list of several actions, which action
/// its button is for (<paramref name="For"/>, read by screen readers only).
/// </summary>
public sealed record HandOnForm(Guid ActionId, string Page, Guid? ChildId, string Hint, int ReasonRows, string? ToError, string? ReasonError, string? For = null);
