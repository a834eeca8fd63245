namespace Willow.Cli.Output;

/// <summary>A plain text table with aligned columns; cells may carry a colour.</summary>
public sealed class Table(params string[] headers)
{
    private readonly List<(string Text, TerminalColor Tone)[]> _rows = [];

    public int Count => _rows.Count;

    public Table Add(params (string Text, TerminalColor Tone)[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"A row needs {headers.Length} cells.", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }

    public Table Add(params string[] cells) => Add([.. cells.Select(c => (c, TerminalColor.None))]);

    public void WriteTo(Terminal terminal)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Text.Length))).ToArray();
        terminal.Line(terminal.Paint(Join(headers.Select((h, i) => h.ToUpperInvariant().PadRight(widths[i]))), TerminalColor.Bold));
        foreach (var row in _rows)
        {
            terminal.Line(Join(row.Select((cell, i) => terminal.Paint(cell.Text.PadRight(widths[i]), cell.Tone))));
        }
    }

    private static string Join(IEnumerable<string> cells) => string.Join("  ", cells).TrimEnd();
}
