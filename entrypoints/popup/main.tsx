import { render } from 'preact';
import { Popup } from '@/src/ui/popup';
import '@/src/ui/page.css';

render(<Popup />, document.getElementById('app')!);
