//! The thread that talks to the database, so that no frame ever waits for it. The UI asks for
//! a window with [`Worker::ask`]; a newer ask interrupts the query running for an older one
//! (DuckDB's interrupt, PostgreSQL's cancel request), and only the newest is answered.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use super::engine::{EngineError, Interrupter, connect};
use super::spec::SourceSpec;
use super::window::{Answer, LaneInfo, Request, fetch_window, lanes_of, window_dataset};

/// What the worker sends back.
#[derive(Debug)]
pub enum Reply {
    /// Connected, the layout checked, and the lanes counted.
    Connected {
        /// The engine's name.
        engine: &'static str,
        /// Every lane with its rows and extent, by name.
        lanes: Vec<LaneInfo>,
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

/// The database thread, seen from the UI.
pub struct Worker {
    asks: Sender<(u64, Request)>,
    replies: Receiver<Reply>,
    interrupt: Arc<Mutex<Option<Interrupter>>>,
    /// The newest ask sent.
    pub generation: u64,
    /// The newest ask answered (or failed).
    pub answered: u64,
}

impl Worker {
    /// Connects to `spec` on a thread of its own; `wake` is called after each reply (to
    /// repaint the window).
    pub fn start(spec: SourceSpec, wake: impl Fn() + Send + 'static) -> Self {
        let (asks, asked) = channel::<(u64, Request)>();
        let (reply, replies) = channel();
        let interrupt: Arc<Mutex<Option<Interrupter>>> = Arc::new(Mutex::new(None));
        let slot = interrupt.clone();
        std::thread::spawn(move || {
            let send = |r: Reply| {
                let _ = reply.send(r);
                wake();
            };
            let started = std::time::Instant::now();
            let mut engine = match connect(&spec) {
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
                    let lanes = lanes_of(&rows);
                    send(Reply::Connected {
                        engine: engine.name(),
                        lanes: lanes.clone(),
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
            while let Ok(mut job) = asked.recv() {
                while let Ok(newer) = asked.try_recv() {
                    job = newer;
                }
                loop {
                    match fetch_window(engine.as_mut(), &job.1) {
                        Ok(mut answer) => {
                            let dataset = window_dataset(&title, &lanes, &answer);
                            answer.dataset = Some(std::sync::Arc::new(dataset));
                            send(Reply::Answer {
                                generation: job.0,
                                answer: Box::new(answer),
                            });
                            break;
                        }
                        Err(EngineError::Interrupted) => {
                            // A newer ask, or (rarely) an interrupt meant for the query
                            // before: then this one runs again.
                            while let Ok(newer) = asked.try_recv() {
                                job = newer;
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
        let _ = self.asks.send((self.generation, request));
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
