#!/usr/bin/env bash
# Takes screenshots of every dashboard page (alerts and notification settings too) at a phone's (390×844) and a desktop's (1280×800) size, light and
# dark, and the home and devices on a 360 px phone, against a real hub, gateway and agents (a pill dispenser and a
# feeding station with a camera, sensors and a speaker), into docs/screenshots/. Look at them after a change.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/prerequisites.sh
willow_require_dotnet
willow_require_node
willow_require_packages chromium ffmpeg espeak-ng
willow_build_dashboard "$root"
dotnet build tests/Willow.Web.Tests -c Release -nologo -v quiet -clp:ErrorsOnly
WILLOW_SCREENSHOTS_DIR="$root/docs/screenshots" dotnet test tests/Willow.Web.Tests -c Release --no-build -nologo \
  --filter "FullyQualifiedName~Screenshots" --logger "console;verbosity=minimal"
ls -1 "$root/docs/screenshots"
