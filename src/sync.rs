//! Locks that outlive a panicking thread: rendering runs on many threads,
//! and a panic in one must not hide what the others recorded.

use std::sync::{Mutex, MutexGuard};

/// The lock on `mutex`, even if a thread panicked while holding it.
pub(crate) fn locked<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// The value in `mutex`, borrowed without locking (no other thread can hold
/// it), even if a thread panicked while holding it.
pub(crate) fn inner<T>(mutex: &mut Mutex<T>) -> &mut T {
    mutex.get_mut().unwrap_or_else(|e| e.into_inner())
}

/// The value in `mutex`, even if a thread panicked while holding it.
pub(crate) fn into_inner<T>(mutex: Mutex<T>) -> T {
    mutex.into_inner().unwrap_or_else(|e| e.into_inner())
}
