#!/usr/bin/env python3
"""Import circles between the files of src/ (strongly connected components of their `use crate::` and
`super::` paths; test modules and doc comments left out). `python3 scripts/import-circles.py src`."""
import os,re,sys,collections
root=sys.argv[1] if len(sys.argv)>1 else 'src'
mods={}
for d,_,fs in os.walk(root):
    for f in fs:
        if not f.endswith('.rs'): continue
        p=os.path.join(d,f); rel=os.path.relpath(p,root)[:-3]
        parts=rel.split('/')
        if parts[-1] in('mod','lib','main'): parts=parts[:-1]
        mods['::'.join(parts)]=p
def strip_tests(src):
    # drop #[cfg(test)] mod blocks roughly
    out=re.sub(r'#\[cfg\(test\)\]\s*mod\s+\w+\s*\{.*',"",src,flags=re.S) if False else src
    return out
edges=collections.defaultdict(set)
for m,p in mods.items():
    if m.split('::')[-1] in ('tests',) : continue
    src=open(p).read()
    src='\n'.join(l for l in src.split('\n') if not l.lstrip().startswith('//'))
    # cut test module at end
    i=src.find('#[cfg(test)]\nmod tests')
    if i>=0: src=src[:i]
    j=src.find('#[cfg(all(test')
    if j>=0: src=src[:j]
    i=src.find('#[cfg(test)]\nmod ')
    if i>=0 and 'tests' in src[i:i+40]: src=src[:i]
    for u in re.findall(r'crate::([a-z_][a-z_0-9]*(?:::[a-z_][a-z_0-9]*)*)',src):
        segs=u.split('::')
        # longest prefix that is a module
        best=None
        for k in range(len(segs),0,-1):
            c='::'.join(segs[:k])
            if c in mods: best=c;break
        if best and best!=m and not m.startswith(best+'::') :
            edges[m].add(best)
    # super:: imports
    for u in re.findall(r'\bsuper::([a-z_][a-z_0-9]*(?:::[a-z_][a-z_0-9]*)*)',src):
        base=m.split('::')
        if not p.endswith('mod.rs'): base=base[:-1]
        segs=base+u.split('::')
        for k in range(len(segs),0,-1):
            c='::'.join(segs[:k])
            if c in mods:
                if c!=m and not m.startswith(c+'::'): edges[m].add(c)
                break
# tarjan
idx={};low={};st=[];on=set();sccs=[];n=[0]
sys.setrecursionlimit(10000)
def sc(v):
    idx[v]=low[v]=n[0];n[0]+=1;st.append(v);on.add(v)
    for w in edges.get(v,()):
        if w not in idx: sc(w);low[v]=min(low[v],low[w])
        elif w in on: low[v]=min(low[v],idx[w])
    if low[v]==idx[v]:
        c=[]
        while True:
            w=st.pop();on.discard(w);c.append(w)
            if w==v:break
        if len(c)>1: sccs.append(sorted(c))
for v in list(mods):
    if v not in idx: sc(v)
for c in sccs: print(len(c), ' '.join(c))
print('cycles:',len(sccs))
