import { render } from 'preact';
import { Inspector } from '@/src/ui/inspector';
import '@/src/ui/page.css';

render(<Inspector />, document.getElementById('app')!);
