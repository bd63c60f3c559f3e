//! The thread that talks to the database, so that no frame ever waits for it. The UI asks for
//! a window with [`Worker::ask`]; a newer ask interrupts the query running for an older one
//! (DuckDB's interrupt, PostgreSQL's cancel request), and only the newest is answered.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use super::engine::{Engine, EngineError, Interrupter};
use super::spec::SourceSpec;
use super::window::{
    Answer, LaneInfo, Request, fetch_window, lanes_of, warnings_of, window_dataset,
};

/// What the worker sends back.
#[derive(Debug)]
pub enum Reply {
    /// Connected, the layout checked, and the lanes counted.
    Connected {
        /// The engine's name.
        engine: &'static str,
        /// Every lane with its rows and extent, by name.
        lanes: Vec<LaneInfo>,
        /// The rows that cannot be drawn, counted, in words ([`super::window::warnings_of`]).
        warnings: Vec<String>,
        /// How long connecting and counting took, in seconds.
        secs: f64,
    },
    /// The answer to the ask numbered `generation`.
    Answer {
        /// The ask it answers.
        generation: u64,
        /// The answer.
        answer: Box<Answer>,
    },
    /// The ask numbered `generation` (0: connecting) failed, in the user's words.
    Failed {
        /// The ask that failed.
        generation: u64,
        /// Why.
        message: String,
    },
}

/// What the UI asks of the database thread.
enum Ask {
    /// The window of a view (numbered).
    Window(u64, Request),
    /// Look for the source's summary again (one was just made) and count the lanes anew.
    FindSummary,
}

/// The database thread, seen from the UI.
pub struct Worker {
    asks: Sender<Ask>,
    replies: Receiver<Reply>,
    interrupt: Arc<Mutex<Option<Interrupter>>>,
    /// The newest ask sent.
    pub generation: u64,
    /// The newest ask answered (or failed).
    pub answered: u64,
}

impl Worker {
    /// Connects to `spec` with `connect` ([`super::connect::connect`], or a fake engine in
    /// tests) on a thread of its own; `wake` is called after each reply (to repaint the
    /// window). DuckDB's summaries are looked for in `summaries` ([`super::summary::folder`]).
    pub fn start(
        spec: SourceSpec,
        summaries: Option<PathBuf>,
        wake: impl Fn() + Send + 'static,
        connect: impl FnOnce(&SourceSpec, Option<&Path>) -> Result<Box<dyn Engine>, String>
        + Send
        + 'static,
    ) -> Self {
        let (asks, asked) = channel::<Ask>();
        let (reply, replies) = channel();
        let interrupt: Arc<Mutex<Option<Interrupter>>> = Arc::new(Mutex::new(None));
        let slot = interrupt.clone();
        std::thread::spawn(move || {
            let send = |r: Reply| {
                let _ = reply.send(r);
                wake();
            };
            let started = std::time::Instant::now();
            let mut engine = match connect(&spec, summaries.as_deref()) {
                Ok(engine) => engine,
                Err(message) => {
                    return send(Reply::Failed {
                        generation: 0,
                        message,
                    });
                }
            };
            if let Ok(mut slot) = slot.lock() {
                *slot = Some(engine.interrupter());
            }
            let sql = engine.layout().lanes_sql();
            let title = spec.table_name();
            let lanes = match engine.query(&sql) {
                Ok(rows) => {
                    engine.layout_mut().note_longest(&rows);
                    let lanes = lanes_of(&rows);
                    send(Reply::Connected {
                        engine: engine.name(),
                        lanes: lanes.clone(),
                        warnings: warnings_of(&rows),
                        secs: started.elapsed().as_secs_f64(),
                    });
                    lanes
                }
                Err(e) => {
                    return send(Reply::Failed {
                        generation: 0,
                        message: e.to_string(),
                    });
                }
            };
            let mut lanes = lanes;
            let mut find = false;
            loop {
                // A summary to look for is not kept waiting for the next ask.
                let first = if find {
                    asked.try_recv().ok()
                } else {
                    match asked.recv() {
                        Ok(ask) => Some(ask),
                        Err(_) => break,
                    }
                };
                // Only the newest window is worked on.
                let mut job = None;
                for ask in first.into_iter().chain(asked.try_iter()) {
                    match ask {
                        Ask::Window(generation, request) => job = Some((generation, request)),
                        Ask::FindSummary => find = true,
                    }
                }
                if std::mem::take(&mut find) {
                    super::summary::find(engine.as_mut(), &spec, summaries.as_deref());
                    let started = std::time::Instant::now();
                    if let Ok(rows) = engine.query(&engine.layout().lanes_sql()) {
                        engine.layout_mut().note_longest(&rows);
                        lanes = lanes_of(&rows);
                        send(Reply::Connected {
                            engine: engine.name(),
                            lanes: lanes.clone(),
                            warnings: warnings_of(&rows),
                            secs: started.elapsed().as_secs_f64(),
                        });
                    }
                }
                let Some(mut job) = job else {
                    continue;
                };
                loop {
                    match fetch_window(engine.as_mut(), &job.1) {
                        Ok(mut answer) => {
                            let dataset = window_dataset(&title, &lanes, &answer);
                            answer.dataset = Some(std::sync::Arc::new(dataset));
                            answer.running();
                            send(Reply::Answer {
                                generation: job.0,
                                answer: Box::new(answer),
                            });
                            break;
                        }
                        Err(EngineError::Interrupted) => {
                            // A newer ask, or (rarely) an interrupt meant for the query
                            // before: then this one runs again.
                            for ask in asked.try_iter() {
                                match ask {
                                    Ask::Window(generation, request) => job = (generation, request),
                                    Ask::FindSummary => find = true,
                                }
                            }
                        }
                        Err(EngineError::Failed(message)) => {
                            send(Reply::Failed {
                                generation: job.0,
                                message,
                            });
                            break;
                        }
                    }
                }
            }
        });
        Self {
            asks,
            replies,
            interrupt,
            generation: 0,
            answered: 0,
        }
    }

    /// Asks for `request`, interrupting the query of an older ask still running.
    pub fn ask(&mut self, request: Request) {
        if self.answered < self.generation
            && let Ok(slot) = self.interrupt.lock()
            && let Some(interrupt) = slot.as_ref()
        {
            interrupt();
        }
        self.generation += 1;
        let _ = self.asks.send(Ask::Window(self.generation, request));
    }

    /// Has the thread look for the source's summary again (after one was made): it then
    /// counts the lanes from it and sends [`Reply::Connected`] again.
    pub fn find_summary(&self) {
        let _ = self.asks.send(Ask::FindSummary);
    }

    /// Whether an ask is waiting for its answer.
    pub fn is_busy(&self) -> bool {
        self.answered < self.generation
    }

    /// The replies that arrived; answers to asks older than the newest answered are dropped.
    pub fn poll(&mut self) -> Vec<Reply> {
        let mut out = Vec::new();
        while let Ok(reply) = self.replies.try_recv() {
            match &reply {
                Reply::Answer { generation, .. } | Reply::Failed { generation, .. } => {
                    if *generation < self.answered {
                        continue;
                    }
                    self.answered = *generation;
                }
                Reply::Connected { .. } => {}
            }
            out.push(reply);
        }
        out
    }
}
