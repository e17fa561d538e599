# C types for _align.py when Cython compiles it (pure-Python mode: the .py stays plain Python).
# Indices are never negative nor past the end, so Cython need not check them (see _align.py's header).
cimport cython

@cython.locals(
    n=Py_ssize_t, m=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
    best=double, other=double, back=double, drop=double, step=double, sub=double, split=double,
    up=double, diag=double, left2=double, corner=double,
    cost=list, first=list, above=list, above2=list, row=list, subs_row=list, here=list, there=list, cell=object,
)
cpdef list cost_table(list subs, tuple drop_a, tuple drop_b, list split_ab, list split_ba)
