namespace Willow.Hub.Dashboard;

/// <summary>Where the built web dashboard is (the output of <c>npm run build</c> in <c>web/</c>).</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>The folder holding <c>index.html</c>; by default <c>wwwroot</c> next to the <c>willow</c> executable.</summary>
    public string WebRoot { get; set; } = Path.Combine(AppContext.BaseDirectory, "wwwroot");
}
