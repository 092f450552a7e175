#!/usr/bin/env bash
# Renders assets/simulator-clip.mp4, the one video every simulated task "produces":
# 4 s, 640x360, 24 fps, H.264 main / yuv420p, faststart, no audio, moving colour and the
# words "lemonvideo SIMULATOR" so nobody mistakes it for a real generation.
# Usage: scripts/make-clip.sh  (needs ffmpeg with libx264; drawtext is used when a font exists)
set -euo pipefail

cd "$(dirname "$0")/.."
out=assets/simulator-clip.mp4
font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf

source="gradients=s=640x360:r=24:d=4:speed=0.02:c0=0xff6b6b:c1=0xffd93d:c2=0x6bcb77:c3=0x4d96ff:n=4"
filters=$(ffmpeg -hide_banner -filters 2>/dev/null)
if [[ -f "$font" && "$filters" == *" drawtext "* ]]; then
  marker="drawtext=fontfile=${font}:text='lemonvideo SIMULATOR':fontsize=44:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=16:x=(w-text_w)/2:y=(h-text_h)/2-20"
  marker+=",drawtext=fontfile=${font}:text='not the real LemonData API':fontsize=22:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=8:x=(w-text_w)/2:y=(h/2)+40"
  marker+=",drawtext=fontfile=${font}:text='%{eif\\:t\\:d\\:1}s':fontsize=20:fontcolor=white:x=w-text_w-12:y=h-text_h-12"
else
  # Without a font: a black bar sweeping across the frame, still clearly not a real result.
  marker="drawbox=x='mod(t*160\\,640)':y=0:w=40:h=360:color=black@0.8:t=fill"
fi

mkdir -p assets
ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "$source" \
  -vf "$marker,format=yuv420p" \
  -c:v libx264 -profile:v main -pix_fmt yuv420p -preset slow -crf 30 \
  -movflags +faststart -an \
  "$out"

ls -l "$out"
