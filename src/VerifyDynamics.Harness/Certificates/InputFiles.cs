using System.Text.Json;
using VerifyDynamics.Core;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Harness.Certificates;

/// <summary>
/// Reads user files (instances) within the <see cref="InputLimits"/>, before anything is computed from them: size,
/// JSON nesting, duplicate members (which JSON readers resolve differently), layer widths, parameter count and the
/// magnitude of every number. Failures are <see cref="InstanceFormatException"/> naming the field, as for any bad instance.
/// </summary>
public static class InputFiles
{
    /// <summary>Largest magnitude of a number in an instance: squares and products of a few such numbers stay finite.</summary>
    public const double MaxInstanceMagnitude = 1e100;

    /// <summary>The text of an instance file, size-checked; unreadable files are reported, not thrown as I/O errors.</summary>
    public static string ReadInstanceText(string path)
    {
        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new FileNotFoundException($"instance file '{path}' does not exist", path);
            }
            if (info.Length > InputLimits.MaxFileBytes)
            {
                throw new InputLimitException($"instance file '{path}' has {info.Length} bytes; the limit is {InputLimits.MaxFileBytes} (README \"Input limits\")");
            }
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not FileNotFoundException)
        {
            throw new InstanceFormatException("(file)", $"cannot read instance file '{path}': {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>Checks an instance's JSON text against the limits; text that is not JSON is left to <see cref="InstanceJson.Parse"/>'s message.</summary>
    public static void CheckInstance(string text)
    {
        if (text.Length > InputLimits.MaxFileBytes)
        {
            throw new InputLimitException($"the instance has {text.Length} characters; the limit is {InputLimits.MaxFileBytes} (README \"Input limits\")");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = InputLimits.MaxJsonDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            try
            {
                using var lenient = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = InputLimits.MaxJsonDepth });
            }
            catch (JsonException)
            {
                // Not JSON at all (or too deep): InstanceJson.Parse words the usual message, unless the depth is the reason.
                if (e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InstanceFormatException("(document)", $"nests deeper than {InputLimits.MaxJsonDepth} levels (README \"Input limits\")");
                }
                return;
            }
            throw new InstanceFormatException("(document)", $"has a duplicate member ({e.Message.ReplaceLineEndings(" ")}); each member may appear once");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return;
            }
            if (root.TryGetProperty("dims", out var dims) && dims.ValueKind == JsonValueKind.Array)
            {
                if (dims.GetArrayLength() > InputLimits.MaxLayers)
                {
                    throw new InstanceFormatException("dims", $"has {dims.GetArrayLength()} entries; the limit is {InputLimits.MaxLayers} (README \"Input limits\")");
                }
                long parameters = 0;
                long previous = -1;
                int i = 0;
                foreach (var d in dims.EnumerateArray())
                {
                    if (d.ValueKind == JsonValueKind.Number && d.TryGetDouble(out double width) && width > InputLimits.MaxLayerWidth)
                    {
                        throw new InstanceFormatException($"dims[{i}]", $"is {d.GetRawText()}; a layer is at most {InputLimits.MaxLayerWidth} wide (README \"Input limits\")");
                    }
                    long w = d.ValueKind == JsonValueKind.Number && d.TryGetInt64(out long v) ? v : 0;
                    if (previous > 0 && w > 0)
                    {
                        parameters += previous * w;
                    }
                    previous = w;
                    i++;
                }
                if (parameters > InputLimits.MaxParameters)
                {
                    throw new InstanceFormatException("dims", $"give {parameters} parameters; the limit is {InputLimits.MaxParameters} (README \"Input limits\")");
                }
            }
            CheckMagnitudes(root);
        }
    }

    private static void CheckMagnitudes(JsonElement root)
    {
        // Explicit stack: depth is bounded already, but nothing here should depend on it.
        var stack = new Stack<(JsonElement Element, string Path)>();
        stack.Push((root, ""));
        while (stack.Count > 0)
        {
            var (e, path) = stack.Pop();
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        stack.Push((p.Value, path.Length == 0 ? p.Name : $"{path}.{p.Name}"));
                    }
                    break;
                case JsonValueKind.Array:
                    int i = 0;
                    foreach (var x in e.EnumerateArray())
                    {
                        stack.Push((x, $"{path}[{i++}]"));
                    }
                    break;
                case JsonValueKind.Number:
                    if (e.TryGetDouble(out double value) && double.IsFinite(value) && Math.Abs(value) > MaxInstanceMagnitude)
                    {
                        throw new InstanceFormatException(path, $"is {e.GetRawText()}; numbers in an instance are limited to magnitude {MaxInstanceMagnitude:0e0} (README \"Input limits\")");
                    }
                    break;
            }
        }
    }
}
