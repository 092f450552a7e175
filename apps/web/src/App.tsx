import { useVideoGeneration, useVideoTask } from '@lemonvideo/react';
import { GenerateForm } from './components/GenerateForm';
import { JobPanel } from './components/JobPanel';
import { SimulatorBadge } from './components/SimulatorBadge';
import { useSavedTaskId } from './hooks/use-saved-task-id';

export function App() {
  const [savedTaskId, saveTaskId] = useSavedTaskId();
  const generation = useVideoGeneration({ onCreated: (task) => saveTaskId(task.id) });
  // After a reload, the last task is followed again by its id.
  const resumed = useVideoTask(generation.isIdle ? savedTaskId : null);
  const active = generation.isIdle ? resumed : generation;

  const startOver = () => {
    saveTaskId(null);
    generation.reset();
  };

  return (
    <main>
      <header>
        <h1>lemonvideo</h1>
        <SimulatorBadge />
      </header>
      <GenerateForm busy={active.isRunning} onGenerate={generation.generate} />
      {!active.isIdle && <JobPanel job={active} onStartOver={startOver} />}
    </main>
  );
}
