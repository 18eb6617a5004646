#!/usr/bin/env bash
# Packs what bench/gpu/run.sh needs on a GPU machine with nothing installed and no network into bench/gpu/carry/
# (about 40 MB, under the 64 MiB a device run carries): node (xz), causal's dist/ and bench/lib, onnxruntime-node's
# Linux x64 files (the shared library xz-compressed), apache-arrow and the other runtime dependencies, and Debian's
# Vulkan loader .debs for the WebGPU provider. Run from the repository root after `npm run build`; needs apt-get
# download (a Debian mirror) once, here.
set -euo pipefail
cd "$(dirname "$0")/../.."
C=bench/gpu/carry
rm -rf "$C" && mkdir -p "$C/nm" "$C/gl" "$C/app/bench"
xz -6 -T2 -c "$(command -v node)" >"$C/node.xz"
cp -r dist package.json "$C/app/"
cp -r bench/lib "$C/app/bench/"
for p in onnxruntime-node onnxruntime-common apache-arrow flatbuffers tslib @types/command-line-args @types/command-line-usage command-line-args command-line-usage json-bignum @swc/helpers; do
  [ -e "node_modules/$p" ] && mkdir -p "$C/nm/$(dirname "$p")" && cp -r "node_modules/$p" "$C/nm/$p"
done
ORT="$C/nm/onnxruntime-node/bin/napi-v6"
find "$ORT" -mindepth 1 -maxdepth 1 ! -name linux -exec rm -rf {} +
find "$ORT/linux" -mindepth 1 -maxdepth 1 ! -name x64 -exec rm -rf {} +
xz -6 -T2 "$ORT/linux/x64/libonnxruntime.so.1"
(cd "$C/gl" && apt-get download libvulkan1 >/dev/null 2>&1) || echo "prepare: could not download libvulkan1 (WebGPU will not start there)" >&2
du -sh "$C"
