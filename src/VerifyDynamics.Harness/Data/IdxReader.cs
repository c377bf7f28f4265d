using System.IO.Compression;

namespace VerifyDynamics.Harness.Data;

/// <summary>An IDX array (LeCun's MNIST format): shape and unsigned-byte data in row-major order.</summary>
public sealed record IdxArray(int[] Shape, byte[] Data)
{
    public int Count => Shape[0];

    /// <summary>Product of the dimensions after the first (e.g. 28·28 pixels per image).</summary>
    public int ItemSize => Shape.Skip(1).Aggregate(1, (a, b) => a * b);
}

/// <summary>
/// Reads IDX files (http://yann.lecun.com/exdb/mnist/ "FILE FORMATS"): magic 0x00 0x00 type rank, big-endian
/// int32 dimensions, then the data. Only type 0x08 (unsigned byte) is supported, which covers MNIST and
/// Fashion-MNIST. Gzip-compressed files (as shipped by Debian's dataset-fashion-mnist) are detected by their magic.
/// </summary>
public static class IdxReader
{
    public static IdxArray Read(string path)
    {
        using var file = File.OpenRead(path);
        var head = new byte[2];
        int got = file.Read(head, 0, 2);
        file.Position = 0;
        using Stream stream = got == 2 && head[0] == 0x1f && head[1] == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return Parse(ms.ToArray(), path);
    }

    public static IdxArray Parse(byte[] bytes, string what = "IDX data")
    {
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0)
        {
            throw new InvalidDataException($"{what}: not an IDX file (bad magic)");
        }
        if (bytes[2] != 0x08)
        {
            throw new InvalidDataException($"{what}: IDX element type 0x{bytes[2]:x2} not supported (only 0x08 unsigned byte)");
        }
        int rank = bytes[3];
        if (rank < 1 || bytes.Length < 4 + 4 * rank)
        {
            throw new InvalidDataException($"{what}: truncated IDX header (rank {rank})");
        }
        var shape = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            int o = 4 + 4 * i;
            shape[i] = (bytes[o] << 24) | (bytes[o + 1] << 16) | (bytes[o + 2] << 8) | bytes[o + 3];
            if (shape[i] < 0)
            {
                throw new InvalidDataException($"{what}: negative dimension");
            }
            count *= shape[i];
        }
        int offset = 4 + 4 * rank;
        if (bytes.Length - offset != count)
        {
            throw new InvalidDataException($"{what}: header promises {count} bytes of data, file has {bytes.Length - offset}");
        }
        return new IdxArray(shape, bytes[offset..]);
    }

    /// <summary>Writes an unsigned-byte IDX file (used by tests to build tiny data sets).</summary>
    public static byte[] Encode(int[] shape, byte[] data)
    {
        var bytes = new byte[4 + 4 * shape.Length + data.Length];
        bytes[2] = 0x08;
        bytes[3] = (byte)shape.Length;
        for (int i = 0; i < shape.Length; i++)
        {
            int o = 4 + 4 * i;
            bytes[o] = (byte)(shape[i] >> 24);
            bytes[o + 1] = (byte)(shape[i] >> 16);
            bytes[o + 2] = (byte)(shape[i] >> 8);
            bytes[o + 3] = (byte)shape[i];
        }
        data.CopyTo(bytes, 4 + 4 * shape.Length);
        return bytes;
    }

    /// <summary>
    /// Finds <c>{prefix}-images-idx3-ubyte</c> and <c>{prefix}-labels-idx1-ubyte</c> (optionally <c>.gz</c>, or with
    /// MNIST's dotted spelling <c>-idx3.ubyte</c>) in a directory; null when absent.
    /// </summary>
    public static (string Images, string Labels)? Locate(string directory, string prefix = "train")
    {
        string? Find(string kind, string idx) => new[]
        {
            $"{prefix}-{kind}-{idx}-ubyte", $"{prefix}-{kind}-{idx}-ubyte.gz", $"{prefix}-{kind}.{idx}-ubyte", $"{prefix}-{kind}-{idx}.ubyte",
        }.Select(n => Path.Combine(directory, n)).FirstOrDefault(File.Exists);
        var images = Find("images", "idx3");
        var labels = Find("labels", "idx1");
        return images is null || labels is null ? null : (images, labels);
    }
}
