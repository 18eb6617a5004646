# Sourced by the bench/gpu scripts on the lent machine, from bench/gpu/: unpacks carry/ (made by prepare.sh) into a
# fresh folder $W — node, causal's dist/ and bench/lib, node_modules, the Vulkan loader — puts that node first on
# PATH and points the loader and the NVIDIA Vulkan driver where the WebGPU provider looks for them.
W=$(mktemp -d)
cp -r carry/app/. "$W/"
mkdir -p "$W/node_modules" && xz -dc carry/nm.tar.xz | tar -C "$W/node_modules" -xf -
xz -dc carry/node.xz >"$W/node" && chmod +x "$W/node"
for f in carry/gl/*.deb; do [ -f "$f" ] && dpkg -x "$f" "$W/gl"; done
export PATH="$W:$PATH"
export LD_LIBRARY_PATH="$W/gl/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}"
[ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ] && export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
nvidia-smi -L 2>/dev/null || echo "no nvidia-smi"
