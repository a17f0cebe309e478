import { mountPage } from '@/src/ui/mount-page';
import { Inspector } from '@/src/ui/inspector';
import './style.css';

mountPage('inspectorTitle', <Inspector />);
