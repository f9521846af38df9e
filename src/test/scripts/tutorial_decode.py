# The Runpod tutorial's decode step: json + base64 + Pillow open/save, one answer per run.
import base64, io, json, sys
from PIL import Image
data = json.load(open(sys.argv[1]))
image = Image.open(io.BytesIO(base64.b64decode(data["output"]["images"][0]["data"])))
image.save(sys.argv[2])
