#!/usr/bin/env python3
"""Functions over a number of lines (default 150) outside test modules: `python3 scripts/long-functions.py src 150`."""
import os,re,sys
root=sys.argv[1] if len(sys.argv)>1 else 'src'
lim=int(sys.argv[2]) if len(sys.argv)>2 else 150
for d,_,fs in os.walk(root):
  for f in fs:
    if not f.endswith('.rs'): continue
    p=os.path.join(d,f); L=open(p).read().split('\n')
    intest=False
    for i,l in enumerate(L):
        if re.match(r'\s*#\[cfg\(test\)\]',l): intest=True
        m=re.match(r'(\s*)(pub(\([^)]*\))?\s+)?(const\s+)?(async\s+)?(unsafe\s+)?fn\s+(\w+)',l)
        if not m or intest: continue
        ind=len(m.group(1)); 
        # find end: line with same indent starting with '}'
        depth=0;started=False
        for j in range(i,len(L)):
            s=re.sub(r'"(\\.|[^"\\])*"','""',L[j]); s=re.sub(r"'(\\.|[^'\\])'","''",s); s=s.split('//')[0]
            depth+=s.count('{')-s.count('}')
            if '{' in s: started=True
            if started and depth<=0: break
            if not started and s.rstrip().endswith(';'): break
        n=j-i+1
        if n>lim: print(n,p,m.group(7))
