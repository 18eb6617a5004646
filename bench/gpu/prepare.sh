#!/usr/bin/env bash
# Packs what bench/gpu/run.sh needs on a GPU machine with nothing installed and no network into bench/gpu/carry/
# (about 50 MB, under the 64 MiB a device run carries): node (xz), causal's dist/ and bench/lib, onnxruntime-node's
# Linux x64 files and every other production dependency (one tar.xz), and Debian's
# Vulkan loader .debs for the WebGPU provider. Run from the repository root after `npm run build`; needs apt-get
# download (a Debian mirror) once, here.
set -euo pipefail
cd "$(dirname "$0")/../.."
C=bench/gpu/carry
rm -rf "$C" && mkdir -p "$C/nm" "$C/gl" "$C/app/bench"
xz -6 -T2 -c "$(command -v node)" >"$C/node.xz"
cp -r dist package.json "$C/app/"
cp -r bench/lib "$C/app/bench/"
# every production dependency, nested ones included, exactly as npm resolved them here
npm ls --omit=dev --all --parseable | tail -n +2 | sort -u | while read -r dir; do
  rel=${dir#"$PWD/node_modules/"}
  mkdir -p "$C/nm/$rel" && cp -r "$dir/." "$C/nm/$rel/"
done
ORT="$C/nm/onnxruntime-node/bin/napi-v6"
find "$ORT" -mindepth 1 -maxdepth 1 ! -name linux -exec rm -rf {} +
find "$ORT/linux" -mindepth 1 -maxdepth 1 ! -name x64 -exec rm -rf {} +
# one xz archive: the JavaScript compresses tenfold, and the whole carry must stay under 64 MiB
tar -C "$C/nm" -cf - . | xz -6 -T2 >"$C/nm.tar.xz"
rm -rf "$C/nm"
(cd "$C/gl" && apt-get download libvulkan1 >/dev/null 2>&1) || echo "prepare: could not download libvulkan1 (WebGPU will not start there)" >&2
du -sh "$C"
