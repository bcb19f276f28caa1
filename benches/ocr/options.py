"""Tries ways of reading the OCR set's pages, to choose sastra's pipeline.

    OCR_SET=/tmp/ocr/scans J=2 python3 benches/ocr/options.py VARIANTS CONDITIONS PAGES

each a comma-separated list (VARIANTS below; CONDITIONS, degrade.py's;
PAGES, render.mjs's). Prints one JSON line per reading: variant,
condition, page, errors, characters, Tesseract's seconds. The
normalisation here only approximates the search's (NFC, ្ដ→្ត, ឲ→ឱ,
invisible characters and whitespace dropped): enough to compare ways,
while the README's figures come from `sastra-ocr-bench` (measure.rs),
which uses sastra's own. `psm6-script` needs Debian's
tesseract-ocr-script-khmr, the `unpaper` ones Debian's unpaper.
"""
import json, os, subprocess, sys, tempfile, time, unicodedata
SCRATCH = tempfile.mkdtemp(prefix='sastra-ocr-options-')
from concurrent.futures import ThreadPoolExecutor
SET = os.environ.get('OCR_SET', '/tmp/ocr/scans')
def norm(s):
    s=unicodedata.normalize('NFC',s).replace('\u17d2\u178a','\u17d2\u178f').replace('ឲ','ឱ')
    return ''.join(c for c in s if not c.isspace() and c not in '\u200b\u200c\u200d\ufeff').lower()
def lev(a,b):
    prev=list(range(len(b)+1))
    for i,ca in enumerate(a,1):
        cur=[i]
        for j,cb in enumerate(b,1):
            cur.append(min(prev[j]+1,cur[j-1]+1,prev[j-1]+(ca!=cb)))
        prev=cur
    return prev[-1]
VARIANTS = {
    # name: (dpi the page is drawn at, or "native"; preprocessing; Tesseract's arguments)
    "plain": (300, "png", ["-l", "khm+eng"]),
    "psm4": (300, "png", ["-l", "khm+eng", "--psm", "4"]),
    "psm6": (300, "png", ["-l", "khm+eng", "--psm", "6"]),
    "psm6-sauvola": (300, "png", ["-l", "khm+eng", "--psm", "6", "-c", "thresholding_method=2"]),
    "psm6-lotsu": (300, "png", ["-l", "khm+eng", "--psm", "6", "-c", "thresholding_method=1"]),
    "psm6-r400": (400, "png", ["-l", "khm+eng", "--psm", "6"]),
    "psm6-native": ("native", "png", ["-l", "khm+eng", "--psm", "6"]),
    "psm6-unpaper": (300, "unpaper", ["-l", "khm+eng", "--psm", "6"]),
    "psm6-script": (300, "png", ["-l", "Khmer+eng", "--psm", "6"]),
    "psm4-unpaper": (300, "unpaper", ["-l", "khm+eng", "--psm", "4"]),
}
def run(variant, cond, page):
    dpi, pre, args = VARIANTS[variant]
    pdf=f'{SET}/{cond}/{page}.pdf'
    tmp=f'{SCRATCH}/{variant}-{cond}-{page}'
    if dpi=='native':
        dpi=int(cond.split('-')[0])
    if pre=='unpaper':
        subprocess.run(['pdftoppm','-gray','-r',str(dpi),'-singlefile',pdf,tmp],check=True)
        img=tmp+'.pgm'
        subprocess.run(['unpaper','-q','--overwrite','--dpi',str(dpi),'--no-mask-scan','--no-blackfilter','--no-noisefilter','--no-blurfilter','--no-grayfilter','--no-border-scan','--deskew-scan-range','5',img,tmp+'-u.pgm'],check=True)
        img=tmp+'-u.pgm'
        args=args+['--dpi',str(dpi)]
    else:
        subprocess.run(['pdftoppm','-gray','-png','-r',str(dpi),'-singlefile',pdf,tmp],check=True)
        img=tmp+'.png'
    t=time.time()
    out=subprocess.run(['tesseract',img,'stdout']+args,capture_output=True,text=True,env=dict(os.environ,OMP_THREAD_LIMIT='1')).stdout
    dt=time.time()-t
    truth=norm(open(f'{SET}/{cond}/{page}.txt').read())
    e=lev(truth,norm(out))
    return variant,cond,page,e,len(truth),dt
if __name__=='__main__':
    variants=sys.argv[1].split(',')
    conds=sys.argv[2].split(',')
    pages=sys.argv[3].split(',')
    jobs=[(v,c,p) for v in variants for c in conds for p in pages]
    with ThreadPoolExecutor(int(os.environ.get('J','2'))) as ex:
        for r in ex.map(lambda j: run(*j), jobs):
            print(json.dumps(r),flush=True)
