"""OpenCV inpainting anchors for the engine benchmark (run with Debian's /usr/bin/python3).

Usage: anchors.py telea|ns IMAGE MASK OUT. Prints one JSON line: seconds (the inpaint call alone),
cpuSeconds and maxRssMb (this whole process, interpreter and OpenCV included).
Needs python3-opencv: apt-get install -y python3-opencv
"""
import json
import resource
import sys
import time

import cv2

RADIUS = 9

method, image_path, mask_path, out_path = sys.argv[1:5]
flag = {"telea": cv2.INPAINT_TELEA, "ns": cv2.INPAINT_NS}[method]
image = cv2.imread(image_path, cv2.IMREAD_COLOR)
mask = (cv2.imread(mask_path, cv2.IMREAD_GRAYSCALE) > 127).astype("uint8") * 255
c0 = time.process_time()
t0 = time.perf_counter()
out = cv2.inpaint(image, mask, RADIUS, flag)
seconds = time.perf_counter() - t0
cpu = time.process_time() - c0
cv2.imwrite(out_path, out)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "cpuSeconds": cpu, "maxRssMb": rss}))
