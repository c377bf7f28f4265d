#!/usr/bin/env bash
# Publishes vd as a native (ahead-of-time compiled) executable: src/VerifyDynamics.Benchmarks/bin/native/vd.
# Needs clang (Debian: clang-14) and zlib1g-dev; the ILCompiler package restores from NuGet. About 3–6 min on 2 cores.
# The settings (instruction set of this machine, untrimmed own assemblies, …) are in src/VerifyDynamics.Cli/VerifyDynamics.Cli.csproj;
# docs/native-build.md says why and how the native build was checked against the JIT build.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/src/VerifyDynamics.Benchmarks/bin/native}
command -v clang >/dev/null || command -v clang-14 >/dev/null || { echo "publish-native: no clang (apt-get install clang-14 zlib1g-dev)" >&2; exit 2; }
dotnet publish "$root/src/VerifyDynamics.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$out" >&2
echo "$out/vd"
